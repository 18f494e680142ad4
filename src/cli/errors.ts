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

/** The exit status and the one-paragraph message for an error thrown by a command. */
export function describeError(e: unknown): { code: number; message: string } {
  if (e instanceof CliInputError) return { code: EXIT.usage, message: e.message };
  if (e instanceof IngestError || e instanceof OcdsError) return { code: EXIT.usage, message: e.userMessage };
  if (e instanceof CardinalSettingsError || e instanceof FlagParamError) return { code: EXIT.usage, message: e.message };
  // node:util parseArgs: unknown option, missing value, unexpected positional.
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return { code: EXIT.usage, message: (e as Error).message };
  if (e instanceof QueryError) {
    // The engine's userMessage speaks of the browser; on the command line DuckDB's own words are clearer.
    const detail = e.cause instanceof Error ? e.cause.message : String(e.cause);
    return { code: EXIT.runtime, message: `DuckDB failed: ${detail.split('\n')[0]}\n  while running: ${firstLine(e.sql)}` };
  }
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOMEM' || err?.code === 'ENOSPC') return { code: EXIT.runtime, message: err.message };
  return { code: EXIT.runtime, message: err instanceof Error ? (err.stack ?? err.message) : String(e) };
}

function firstLine(sql: string): string {
  const line = sql.trim().split('\n')[0];
  return line.length > 120 ? line.slice(0, 117) + '…' : line;
}
