/**
 * `tenderlens indicators FILE.jsonl`: Cardinal's indicators over OCDS compiled releases (one per
 * line), printed in Cardinal's JSON shape — a drop-in for `cardinal indicators`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCompiledReleases } from '../../flags/cardinal/load';
import { runCardinal, type CardinalResult } from '../../flags/cardinal/run';
import { CARDINAL_CODES, enabledCodes, parseCardinalSettings, type CardinalSettings } from '../../flags/cardinal/settings';
import { sniffFileKind } from '../../ingest/detect';
import { openEngine, parseEngineChoice } from '../engine';
import { CliInputError, EXIT } from '../errors';
import { checkInputFile, fileLines, readHead } from '../files';
import { count, note, now, Out, seconds } from '../output';

/** `tenderlens indicators --help`. */
export const INDICATORS_HELP = `Usage: tenderlens indicators FILE.jsonl [options]

Computes Cardinal's (open-contracting/cardinal-rs) indicators R003, R018, R024, R025, R028, R030,
R035, R036, R038, R048 and R058 over OCDS compiled releases, one JSON object per line, and prints
Cardinal's JSON: {"OCID": {…}, "Buyer": {…}, "ProcuringEntity": {…}, "Tenderer": {…}, "Meta": {…}}.
Empty groups are left out, as Cardinal does.

Options:
  --settings FILE.ini      Cardinal's settings file; only indicators with a [section] run.
                           Without it, every indicator runs with Cardinal's defaults.
  --format cardinal        the output shape (the only one, and the default)
  --no-meta                leave out "Meta" (quartiles and fences)
  --engine native|wasm     native DuckDB (default, fast) or DuckDB-wasm (the browser's engine)
  -q, --quiet              no summary on stderr
  -h, --help               this text

Exit status: 0 done, 1 failure while running, 2 bad command line or input file.`;

/** Every indicator enabled with Cardinal's defaults. */
export function defaultCardinalSettings(): CardinalSettings {
  return Object.fromEntries(CARDINAL_CODES.map((c) => [c, {}])) as CardinalSettings;
}

/** Reads `--settings`; an unknown section or key is an input error naming the line. */
export function readCardinalSettings(file: string): CardinalSettings {
  checkInputFile(file, 'settings file');
  try {
    return parseCardinalSettings(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliInputError(`${file}: ${(e as Error).message}`);
  }
}

/**
 * The compiled releases of a JSON Lines file, parsed one line at a time (the file may be larger
 * than memory). Blank lines are skipped; a line that is not JSON stops the run with its number.
 */
export async function* jsonLines(file: string): AsyncGenerator<object> {
  for await (const { line, n } of fileLines(file)) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new CliInputError(`${file}:${n}: invalid JSON on line ${n} (${(e as Error).message}).`);
    }
    yield value as object;
  }
}

/** Cardinal's output object: non-empty groups, and Meta unless left out. */
export function cardinalJson(result: CardinalResult, withMeta: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const g of ['OCID', 'Buyer', 'ProcuringEntity', 'Tenderer'] as const) {
    if (Object.keys(result[g]).length) out[g] = result[g];
  }
  if (withMeta && Object.keys(result.Meta).length) out.Meta = result.Meta;
  return out;
}

/** Runs `tenderlens indicators`; returns the exit status. */
export async function indicatorsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      settings: { type: 'string' },
      format: { type: 'string', default: 'cardinal' },
      'no-meta': { type: 'boolean', default: false },
      engine: { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(INDICATORS_HELP + '\n');
    return EXIT.ok;
  }
  if (positionals.length !== 1)
    throw new CliInputError('indicators needs exactly one FILE.jsonl. See tenderlens indicators --help.');
  if (values.format !== 'cardinal') throw new CliInputError(`--format must be cardinal, not "${values.format}".`);
  const engineChoice = parseEngineChoice(values.engine);
  const settings = values.settings ? readCardinalSettings(values.settings) : defaultCardinalSettings();
  const file = positionals[0];
  checkInputFile(file);
  const head = readHead(file);
  const kind = sniffFileKind(head, file);
  if (kind === 'empty') throw new CliInputError(`${file}: the file is empty.`);
  if (kind === 'binary' || kind === 'xlsx')
    throw new CliInputError(`${file}: not a text file; expected JSON Lines (one OCDS compiled release per line).`);
  const first = new TextDecoder().decode(head).trimStart()[0];
  if (first !== '{') {
    throw new CliInputError(
      `${file}: expected JSON Lines (one OCDS compiled release object per line)` +
        (first === '[' ? ', found a JSON array.' : ', found text that is not JSON.') +
        ' To flag a release package or a CSV, use tenderlens flags.',
    );
  }
  const quiet = values.quiet;

  const { engine, close } = await openEngine(engineChoice);
  try {
    const t0 = now();
    const datasetId = 'cli';
    const loaded = await loadCompiledReleases(engine, jsonLines(file), datasetId);
    const loadMs = now() - t0;
    const t1 = now();
    const result = await runCardinal(engine, settings, datasetId);
    const runMs = now() - t1;
    await new Out().write(JSON.stringify(cardinalJson(result, !values['no-meta'])) + '\n');

    note(
      quiet,
      `${file}: ${count(loaded.processes)} compiled releases loaded, ${count(loaded.skipped)} lines skipped (not an object with a string "ocid") in ${seconds(loadMs)}`,
    );
    const codes = enabledCodes(settings);
    for (const code of codes) {
      const n = (['OCID', 'Buyer', 'ProcuringEntity', 'Tenderer'] as const).map(
        (g) => Object.values(result[g]).filter((v) => code in v).length,
      );
      note(quiet, `  ${code}  OCID ${n[0]}, Buyer ${n[1]}, ProcuringEntity ${n[2]}, Tenderer ${n[3]}`);
    }
    note(quiet, `engine ${engine.kind}: load ${seconds(loadMs)}, indicators ${seconds(runMs)}`);
    return EXIT.ok;
  } finally {
    await close();
  }
}
