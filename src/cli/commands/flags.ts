/**
 * `tenderlens flags FILE…`: imports each file as the app does, runs the tier-1 red flags (the same
 * SQL as the browser) and prints one row per flag with its evidence.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Engine, Row } from '../../engine/types';
import { resolveParams } from '../../flags/params';
import { flagByCode, TIER1_FLAGS } from '../../flags/registry';
import { runFlags, type FlagParamOverrides, type FlagRunReport } from '../../flags/run';
import { createModel } from '../../model/schema';
import { openEngine, parseEngineChoice, parseMemoryLimit } from '../engine';
import { CliInputError, EXIT } from '../errors';
import { checkInputFile } from '../files';
import { datasetIdFor, importFile, type ImportReport } from '../import';
import { toCsv } from '../../export/csv';
import { MAPPABLE_FIELDS, type ColumnMapping, type MappableField } from '../../ingest/mapping';
import { count, note, now, Out, seconds } from '../output';
import { flagRatesQuery, type FlagRateRow } from '../../flags/rates';
import { ALL_SEVERITIES, DEFAULT_SEVERITIES, severityPredicate, type Severity } from '../../flags/strength';
import { formatRatesTable } from './flagRatesTable';

/** `tenderlens flags --help`. */
export const FLAGS_HELP = `Usage: tenderlens flags FILE… [options]

Imports each FILE (CSV, XLSX or OCDS JSON — detected from its bytes) the way the app does
(encoding, delimiter, number/date formats, column names recognised automatically) and computes
the tier-1 red flags with the same SQL. Prints one row per flag: dataset_id, entity_type,
entity_id, code, value, strength (0–1), severity, evidence — high and medium flags unless
--severity low. A summary (rows imported/rejected, flags per code, flags that
could not be computed and why, timings) goes to stderr.

Options:
  --sector state|quasi_public   sector of every file (default: a sector column, else unknown)
  --settings FILE               JSON of flag parameters, e.g. {"R011": {"window_days": 30}}
  --mapping FILE                JSON naming columns for fields the file's headers do not say,
                                e.g. {"buyer_id": "Division", "signed_date": "Contract Date"}
  --format json|csv             json: one JSON object per line (default); csv: a header and rows
  --severity high|medium|low    the weakest severity printed (default medium: high and medium)
  --summary                     instead of the flags, the flag-rate table: per dataset, flag and
                                severity, the entities flagged and their share of purchases,
                                buyers and value (a text table; --format csv or json for data)
  --engine native|wasm          native DuckDB (default, fast) or DuckDB-wasm (the browser's engine)
  --memory-limit SIZE           native DuckDB's memory limit (e.g. 8GB); beyond it, it spills to disk
  --timings                     one more stderr line, even with -q: "timings {JSON}" with the
                                phases in ms (import, flags, risk score, output, total), CPU
                                user/system ms, peak RSS in MB, DuckDB threads and load average
  -q, --quiet                   no summary on stderr
  -h, --help                    this text

Exit status: 0 done, 1 failure while running, 2 bad command line or input file.`;

/** Output columns, in order. */
export const FLAG_COLUMNS = [
  'dataset_id',
  'entity_type',
  'entity_id',
  'code',
  'value',
  'strength',
  'severity',
  'evidence',
] as const;

type FlagOutRow = Row & {
  dataset_id: string;
  entity_type: string;
  entity_id: string;
  code: string;
  value: number | null;
  strength: number | null;
  severity: string | null;
  evidence: string | null;
};

const PAGE = 50_000;

/** Reads and validates `--settings`: flag code → parameter → number. */
export function readFlagSettings(file: string): FlagParamOverrides {
  checkInputFile(file, 'settings file');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliInputError(`${file}: not valid JSON (${(e as Error).message}).`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CliInputError(`${file}: expected a JSON object of flag codes, e.g. {"R011": {"window_days": 30}}.`);
  }
  const out: Record<string, Record<string, number>> = {};
  for (const [code, params] of Object.entries(json)) {
    const def = flagByCode(code);
    if (!def)
      throw new CliInputError(`${file}: unknown flag code "${code}". Known codes: ${TIER1_FLAGS.map((f) => f.code).join(', ')}.`);
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      throw new CliInputError(
        `${file}: "${code}" must map to an object of parameters, e.g. {"${def.params[0]?.name ?? 'name'}": 1}.`,
      );
    }
    // Throws FlagParamError (exit 2) for an unknown parameter or a value out of bounds, before any import.
    resolveParams(def, params as Record<string, number>);
    out[code] = params as Record<string, number>;
  }
  return out as FlagParamOverrides;
}

/** Runs `tenderlens flags`; returns the exit status. */
export async function flagsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      sector: { type: 'string' },
      settings: { type: 'string' },
      mapping: { type: 'string' },
      format: { type: 'string' },
      severity: { type: 'string', default: 'medium' },
      summary: { type: 'boolean', default: false },
      engine: { type: 'string' },
      'memory-limit': { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
      timings: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(FLAGS_HELP + '\n');
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new CliInputError('flags needs at least one FILE. See tenderlens flags --help.');
  const sector = values.sector;
  if (sector !== undefined && sector !== 'state' && sector !== 'quasi_public') {
    throw new CliInputError(`--sector must be state or quasi_public, not "${sector}".`);
  }
  const format = values.format ?? (values.summary ? 'table' : 'json');
  if (format !== 'json' && format !== 'csv' && !(format === 'table' && values.summary))
    throw new CliInputError(`--format must be json or csv, not "${format}".`);
  const severities = severitiesFrom(values.severity);
  const engineChoice = parseEngineChoice(values.engine);
  const memoryLimit = parseMemoryLimit(values['memory-limit']);
  const params = values.settings ? readFlagSettings(values.settings) : {};
  const mapping = values.mapping ? readMappingFile(values.mapping) : undefined;
  // Every file is checked before the (possibly long) import of the first one.
  for (const f of positionals) checkInputFile(f);
  const quiet = values.quiet;

  const tStart = now();
  const { engine, close } = await openEngine(engineChoice, { memoryLimit });
  try {
    await createModel(engine);
    const taken = new Set<string>();
    const reports: ImportReport[] = [];
    for (const file of positionals) {
      const r = await importFile(engine, file, { datasetId: datasetIdFor(file, taken), sector, mapping });
      reports.push(r);
      printImport(quiet, r);
    }
    const tFlags = now();
    const run = await runFlags(engine, params);
    const flagsMs = now() - tFlags;
    const tOut = now();
    const written = values.summary
      ? await writeRates(engine, format, new Out())
      : await writeFlags(engine, format as 'json' | 'csv', new Out(), severities);
    const outputMs = now() - tOut;
    const importMs = reports.reduce((a, r) => a + r.ms, 0);
    printRun(quiet, run, flagsMs);
    note(
      quiet,
      `engine ${engine.kind}: import ${seconds(importMs)}, flags ${seconds(flagsMs)}, ` +
        `output ${seconds(outputMs)} (${count(written)} rows), total ${seconds(now() - tStart)}`,
    );
    if (values.timings) {
      const [{ threads }] = await engine.query<{ threads: number }>(`SELECT current_setting('threads')::INTEGER AS threads`);
      const t = phaseTimings({ importMs, flagsMs, riskScoreMs: run.riskScoreMs, outputMs, totalMs: now() - tStart });
      const line = {
        engine: engine.kind,
        threads,
        rows_imported: reports.reduce((a, r) => a + r.imported, 0),
        flag_rows: written,
        ...t,
      };
      process.stderr.write(`timings ${JSON.stringify(line)}\n`);
    }
    return EXIT.ok;
  } finally {
    await close();
  }
}

/** What `--timings` prints, besides the engine and row counts. */
export interface PhaseTimings {
  import_ms: number;
  /** The flag queries, without the risk score. */
  flags_ms: number;
  risk_score_ms: number;
  output_ms: number;
  total_ms: number;
  /** CPU time of the whole process (all DuckDB threads included) since it started. */
  cpu_user_ms: number;
  cpu_system_ms: number;
  /** Peak resident set size of the process. */
  peak_rss_mb: number;
  /** The machine's 1, 5 and 15 minute load averages at the end: timings mean little on a busy machine. */
  load_avg: number[];
}

/**
 * Phase timings (ms, rounded) plus this process's CPU time, peak memory and the machine load.
 * `flagsMs` is the whole runFlags call; the risk score is reported apart from the flag queries.
 */
export function phaseTimings(ms: {
  importMs: number;
  flagsMs: number;
  riskScoreMs: number;
  outputMs: number;
  totalMs: number;
}): PhaseTimings {
  const u = process.resourceUsage();
  return {
    import_ms: Math.round(ms.importMs),
    flags_ms: Math.round(ms.flagsMs - ms.riskScoreMs),
    risk_score_ms: Math.round(ms.riskScoreMs),
    output_ms: Math.round(ms.outputMs),
    total_ms: Math.round(ms.totalMs),
    cpu_user_ms: Math.round(u.userCPUTime / 1000),
    cpu_system_ms: Math.round(u.systemCPUTime / 1000),
    peak_rss_mb: Math.round(u.maxRSS / 1024),
    load_avg: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function printImport(quiet: boolean, r: ImportReport): void {
  note(
    quiet,
    `${r.file} → dataset "${r.datasetId}": ${count(r.read)} read, ${count(r.imported)} imported, ${count(r.rejected)} rejected ` +
      `(${r.detail}; ${seconds(r.ms)})`,
  );
  for (const x of r.reasons) note(quiet, `    ${count(x.count)} × ${x.reason}`);
  for (const w of r.warnings) note(quiet, `    check: ${w}`);
}

function printRun(quiet: boolean, run: FlagRunReport, ms: number): void {
  const byCode = new Map<string, { rows: number; ms: number }>();
  for (const c of run.computed) {
    const e = byCode.get(c.code) ?? { rows: 0, ms: 0 };
    byCode.set(c.code, { rows: e.rows + c.rows, ms: e.ms + c.ms });
  }
  note(quiet, `flags (${seconds(ms)}, risk scores ${seconds(run.riskScoreMs)}):`);
  for (const [code, e] of byCode) note(quiet, `  ${code.padEnd(16)} ${count(e.rows).padStart(9)}   ${seconds(e.ms)}`);
  for (const n of run.notComputable)
    note(quiet, `  ${n.code.padEnd(16)} not computable on "${n.datasetId}": missing ${n.missing.join(', ')}`);
}

/**
 * Streams the `flags` table to `out`, ordered by dataset, code and entity, in pages so memory
 * stays flat however many flags there are. Returns the number of rows written.
 */
export async function writeFlags(
  engine: Engine,
  format: 'json' | 'csv',
  out: Out,
  severities: readonly Severity[] = DEFAULT_SEVERITIES,
): Promise<number> {
  // Cardinal's indicators carry no severity and are always printed.
  await engine.exec(`CREATE OR REPLACE TEMP TABLE cli_flags_out AS
    SELECT row_number() OVER (ORDER BY dataset_id, code, entity_type, entity_id) AS rn, ${FLAG_COLUMNS.join(', ')} FROM flags
    WHERE severity IS NULL OR ${severityPredicate(severities)}`);
  try {
    const [{ n }] = await engine.query<{ n: number }>('SELECT count(*) AS n FROM cli_flags_out');
    // The BOM once, at the head of the stream; each page then continues the same CSV.
    if (format === 'csv') await out.write(toCsv([FLAG_COLUMNS], { eol: '\n' }));
    for (let from = 0; from < n && !out.gone; from += PAGE) {
      const rows = await engine.query<FlagOutRow>(
        `SELECT ${FLAG_COLUMNS.join(', ')} FROM cli_flags_out WHERE rn > ? AND rn <= ? ORDER BY rn`,
        [from, from + PAGE],
      );
      const text =
        format === 'csv'
          ? toCsv(
              rows.map((r) => FLAG_COLUMNS.map((c) => r[c])),
              { bom: false, eol: '\n' },
            )
          : rows.map(jsonLine).join('');
      await out.write(text);
    }
    return n;
  } finally {
    await engine.exec('DROP TABLE IF EXISTS cli_flags_out');
  }
}

/** A flag row as one JSON line; the evidence is embedded as JSON, not as a string. */
function jsonLine(r: FlagOutRow): string {
  let evidence: unknown = r.evidence;
  if (typeof r.evidence === 'string') {
    try {
      evidence = JSON.parse(r.evidence);
    } catch {
      // Keep the text: a malformed evidence string is still evidence.
    }
  }
  return (
    JSON.stringify({
      dataset_id: r.dataset_id,
      entity_type: r.entity_type,
      entity_id: r.entity_id,
      code: r.code,
      value: r.value,
      strength: r.strength,
      severity: r.severity,
      evidence,
    }) + '\n'
  );
}

/** `--severity W`: W and every stronger severity. */
export function severitiesFrom(weakest: string | undefined): Severity[] {
  const i = ALL_SEVERITIES.indexOf((weakest ?? 'medium') as Severity);
  if (i < 0) throw new CliInputError(`--severity must be high, medium or low, not "${weakest}".`);
  return ALL_SEVERITIES.slice(0, i + 1);
}

/** Writes the flag-rate table (`--summary`); returns its number of rows. */
async function writeRates(engine: Engine, format: string, out: Out): Promise<number> {
  const q = flagRatesQuery();
  const rows = await engine.query<FlagRateRow & Row>(q.sql, q.params);
  const cols = Object.keys(rows[0] ?? {}) as (keyof FlagRateRow)[];
  if (format === 'table') await out.write(formatRatesTable(rows));
  else if (format === 'csv') await out.write(toCsv([cols, ...rows.map((r) => cols.map((c) => r[c]))], { eol: '\n' }));
  else await out.write(rows.map((r) => JSON.stringify(r) + '\n').join(''));
  return rows.length;
}

/** Reads `--mapping`: a JSON object of canonical field → column name. */
export function readMappingFile(file: string): Partial<ColumnMapping> {
  checkInputFile(file, 'mapping file');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliInputError(`${file}: not valid JSON (${(e as Error).message}).`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new CliInputError(`${file}: expected a JSON object of fields and columns, e.g. {"buyer_id": "Division"}.`);
  const out: Partial<ColumnMapping> = {};
  for (const [field, col] of Object.entries(json)) {
    if (!(MAPPABLE_FIELDS as readonly string[]).includes(field))
      throw new CliInputError(`${file}: unknown field "${field}". Known fields: ${MAPPABLE_FIELDS.join(', ')}.`);
    if (typeof col !== 'string') throw new CliInputError(`${file}: "${field}" must name a column (a string).`);
    out[field as MappableField] = col;
  }
  return out;
}
