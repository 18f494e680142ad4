/**
 * The `tenderlens` command line: subcommand dispatch, help, and exit statuses. Started by
 * scripts/tenderlens.mjs (package.json `bin`), which runs this TypeScript through tsx.
 */
import { flagsCommand, FLAGS_HELP } from './commands/flags';
import { indicatorsCommand, INDICATORS_HELP } from './commands/indicators';
import { mapCommand, MAP_HELP } from './commands/map';
import { terminalSafe } from '../export/safeText';
import { describeError, EXIT } from './errors';

/** `tenderlens --help`. */
export const MAIN_HELP = `Usage: tenderlens <command> [options]

Commands:
  map FILE…                 what was detected in each table file and the proposed column mapping
  flags FILE…               import CSV / XLSX / OCDS files and print the red flags with evidence
  indicators FILE.jsonl     Cardinal's indicators over OCDS compiled releases, in Cardinal's JSON

Run "tenderlens <command> --help" for a command's options. Both run on native DuckDB by default
(--engine native); --engine wasm uses DuckDB-wasm, the engine of the browser app.

Exit status: 0 done, 1 failure while running, 2 bad command line or input file.
--debug (with any command) adds the engine's own message and the stack to an error.`;

const COMMANDS: Record<string, { run: (args: string[]) => Promise<number>; help: string }> = {
  flags: { run: flagsCommand, help: FLAGS_HELP },
  indicators: { run: indicatorsCommand, help: INDICATORS_HELP },
  map: { run: mapCommand, help: MAP_HELP },
};

/** Runs the command line `argv` (without `node` and the script) and returns the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const [cmd, ...rest] = argv.filter((a) => a !== '--debug');
  if (cmd === undefined || cmd === '--help' || cmd === '-h') {
    (cmd === undefined ? process.stderr : process.stdout).write(MAIN_HELP + '\n');
    return cmd === undefined ? EXIT.usage : EXIT.ok;
  }
  if (cmd === 'help') {
    const topic = rest[0] ? COMMANDS[rest[0]] : undefined;
    process.stdout.write((topic?.help ?? MAIN_HELP) + '\n');
    return EXIT.ok;
  }
  const command = COMMANDS[cmd];
  if (!command) {
    process.stderr.write(
      terminalSafe(
        `tenderlens: unknown command "${cmd}". Commands: ${Object.keys(COMMANDS).join(', ')}. See tenderlens --help.`,
      ) + '\n',
    );
    return EXIT.usage;
  }
  try {
    return await command.run([...rest]);
  } catch (e) {
    const { code, message } = describeError(e, debug);
    // Messages quote file content (headers, values): escape what a terminal would obey.
    process.stderr.write(terminalSafe(`tenderlens ${cmd}: ${message}`) + '\n');
    return code;
  }
}
