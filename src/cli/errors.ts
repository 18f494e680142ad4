import { QueryError } from '../engine/errors';
import { CardinalSettingsError } from '../flags/cardinal/settings';
import { FlagParamError } from '../flags/params';
import { IngestError } from '../ingest/errors';
import { OcdsError } from '../ingest/ocds/errors';

/** Exit statuses of the command line. */
export const EXIT = {
  ok: 0,
  /** Something failed while running (a query, the disk, a bug). */
  runtime: 1,
  /** The command line or an input file is wrong: the person can fix it. */
  usage: 2,
} as const;

/**
 * A mistake in the command line or an input file (missing file, binary file, invalid JSON on a
 * line, unknown settings section …). Exit status 2; the message is printed as is.
 */
export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliInputError';
  }
}

/**
 * What DuckDB says when the input, not our code, is at fault, with the sentence a person gets
 * instead of the engine's words (which name our SQL and internal line counts).
 */
const ENGINE_INPUT_PROBLEMS: { test: RegExp; sentence: (m: RegExpExecArray) => string }[] = [
  {
    test: /maximum line size|line size over maximum|max_line_size/i,
    sentence: () =>
      'a line of the file is longer than the reader accepts (2 MB). A quote is probably not closed, or a field holds a whole document: check the file there, or save it again from the program that made it.',
  },
  {
    test: /CSV Error on Line:?\s*(\d+)?/i,
    sentence: (m) =>
      `the file could not be read as a table${m[1] ? ` at line ${m[1]}` : ''}: the line does not fit the file's delimiter and quotes. Check that line (an unclosed quote, a stray delimiter), or save the file again as CSV.`,
  },
  {
    test: /(?:Conversion|Invalid Input) Error/i,
    sentence: () =>
      'a value in the file could not be read as the type its column needs. Check the column formats (dates, numbers) and try again.',
  },
];

/**
 * The exit status and the one-paragraph message for an error thrown by a command: an input
 * problem exits 2 with a sentence saying what to fix; our own failure exits 1 with a sentence,
 * and only `debug` adds the engine's words, the SQL and the stack.
 */
export function describeError(e: unknown, debug = false): { code: number; message: string } {
  if (e instanceof CliInputError) return { code: EXIT.usage, message: e.message };
  if (e instanceof IngestError || e instanceof OcdsError) return { code: EXIT.usage, message: e.userMessage };
  if (e instanceof CardinalSettingsError || e instanceof FlagParamError) return { code: EXIT.usage, message: e.message };
  // node:util parseArgs: unknown option, missing value, unexpected positional.
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return { code: EXIT.usage, message: (e as Error).message };
  const detail = e instanceof QueryError ? (e.cause instanceof Error ? e.cause.message : String(e.cause)) : errorText(e);
  const debugText = debug
    ? `\n${e instanceof QueryError ? `  DuckDB: ${detail}\n  while running: ${firstLine(e.sql)}\n` : ''}${stackOf(e)}`
    : '';
  for (const p of ENGINE_INPUT_PROBLEMS) {
    const m = p.test.exec(detail);
    if (m) return { code: EXIT.usage, message: `The input could not be imported: ${p.sentence(m)}${debugText}` };
  }
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOMEM')
    return {
      code: EXIT.runtime,
      message: `Out of memory. Close other programs, or split the input (for example by year).${debugText}`,
    };
  if (err?.code === 'ENOSPC')
    return {
      code: EXIT.runtime,
      message: `The disk is full (the temporary files need room). Free some space and run again.${debugText}`,
    };
  if (e instanceof QueryError)
    return {
      code: EXIT.runtime,
      message: `A query of ours failed; this is our fault, not your file's. Run again with --debug for the details and report them.${debugText}`,
    };
  return {
    code: EXIT.runtime,
    message: `Something failed inside tenderlens (${firstLine(detail)}); this is our fault, not your file's. Run again with --debug for the details and report them.${debugText}`,
  };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function stackOf(e: unknown): string {
  return e instanceof Error && e.stack ? e.stack : errorText(e);
}
function firstLine(sql: string): string {
  const line = sql.trim().split('\n')[0];
  return line.length > 120 ? line.slice(0, 117) + '…' : line;
}
