/**
 * `tenderlens map FILE…`: what TenderLens understood of each table file and the mapping it
 * proposes, with the reason for each field and the red flags each missing field makes not
 * computable — the same detection and recognition as the app's mapping dialog, no engine needed.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { draftImport } from '../../ingest/draft';
import { IngestError } from '../../ingest/errors';
import { MAPPABLE_FIELDS, type MappableField } from '../../ingest/mapping';
import { MappingFileError, parseMappingFile, type MappingFile } from '../../ingest/mappingFile';
import { describeReason } from '../../ingest/recognise/describe';
import { unknownMethods } from '../../ingest/recognise/methods';
import { notComputable } from '../../ingest/recognise/notComputable';
import { proposeMapping } from '../../ingest/recognise/propose';
import { terminalSafe } from '../../export/safeText';
import { CliInputError, EXIT } from '../errors';
import { checkInputFile, fileSource } from '../files';

/** `tenderlens map --help`. */
export const MAP_HELP = `Usage: tenderlens map FILE… [options]

Prints what was detected in each CSV / XLSX / JSON table and the proposed column mapping, with
the reason for each field and the red flags each missing field makes not computable.

Options:
  --format json|text     json: one JSON object per file and line (default); text: for reading
  --mapping FILE.json    check this mapping (the shape json prints; only "mapping" is required,
                         with optional "method_values", "currency", "date_format") against the file
  --help                 this text`;

/** The JSON `map` prints for one file. */
export interface MapReport {
  file: string;
  detected: Record<string, unknown>;
  mapping: Record<MappableField, string | null> | null;
  reasons: Partial<Record<MappableField, string>>;
  not_computable: Record<string, MappableField[]>;
}

/** Runs `tenderlens map`. */
export async function mapCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'json' }, mapping: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(MAP_HELP + '\n');
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new CliInputError('give at least one file: tenderlens map FILE…');
  if (values.format !== 'json' && values.format !== 'text')
    throw new CliInputError(`--format must be json or text, not "${values.format}".`);
  for (const f of positionals) checkInputFile(f);
  const mappingText = values.mapping ? readFileSync(checkInputFile(values.mapping, 'mapping file').path, 'utf8') : null;
  for (const file of positionals) {
    const report = await mapFile(file, mappingText, values.mapping ?? '');
    process.stdout.write(values.format === 'json' ? JSON.stringify(report) + '\n' : terminalSafe(textReport(report)));
    if (report.mapping && !report.detected.currency && values.format === 'text')
      process.stderr.write(
        `tenderlens map: ${file}: the file does not say its currency; amounts are not taken as tenge. Pass --currency or "currency" in the mapping file.\n`,
      );
  }
  return EXIT.ok;
}

async function mapFile(file: string, mappingText: string | null, mappingName: string): Promise<MapReport> {
  let draft;
  try {
    draft = await draftImport(fileSource(file));
  } catch (e) {
    if (e instanceof IngestError) throw new CliInputError(`${file}: ${e.message}`);
    throw e;
  }
  if (draft.kind === 'ocds') return { file, detected: { kind: 'ocds' }, mapping: null, reasons: {}, not_computable: {} };
  const { detection } = draft;
  let given: MappingFile | null = null;
  if (mappingText !== null) {
    try {
      given = parseMappingFile(mappingText, mappingName, detection.headers);
    } catch (e) {
      if (e instanceof MappingFileError) throw new CliInputError(e.message);
      throw e;
    }
  }
  const p = proposeMapping(detection.headers, detection.sampleRows, { methodValues: given?.method_values });
  const mapping = given ? given.mapping : p.mapping;
  const reasons: Partial<Record<MappableField, string>> = {};
  for (const f of MAPPABLE_FIELDS) {
    if (!mapping[f]) continue;
    const r = p.reasons[f];
    reasons[f] = r && r.column === mapping[f] ? describeReason(f, r) : `from ${mappingName || 'the mapping file'}`;
  }
  const methodCol = mapping.method ? detection.headers.indexOf(mapping.method) : -1;
  const currency =
    given?.currency ??
    (given ? null : (p.currency.code ?? (p.currency.source === 'column' ? `column ${p.currency.column}` : null)));
  return {
    file,
    detected: {
      kind: draft.kind,
      encoding: detection.encoding.encoding,
      delimiter: detection.dialect.delimiter,
      header: detection.dialect.header,
      columns: detection.headers.length,
      sample_rows: detection.sampleRows.length,
      headerless: p.headerless,
      currency: given?.currency ?? (given?.mapping.currency ? `column ${given.mapping.currency}` : currency),
      currency_source: given ? 'mapping file' : p.currency.source,
      unknown_methods:
        methodCol >= 0
          ? unknownMethods(
              detection.sampleRows.map((r) => r[methodCol]),
              given?.method_values,
            )
          : [],
      unmapped_columns: detection.headers.filter((h) => !Object.values(mapping).includes(h)),
    },
    mapping,
    reasons,
    not_computable: notComputable(mapping),
  };
}

function textReport(r: MapReport): string {
  const lines = [
    `${r.file}: ${Object.entries(r.detected)
      .map(([k, v]) => `${k} ${Array.isArray(v) ? v.length : v}`)
      .join(', ')}`,
  ];
  if (r.mapping)
    for (const f of MAPPABLE_FIELDS) if (r.mapping[f]) lines.push(`  ${f.padEnd(20)} ← ${r.mapping[f]}   (${r.reasons[f]})`);
  for (const [code, fields] of Object.entries(r.not_computable))
    lines.push(`  not computable: ${code} (needs ${fields.join(', ')})`);
  return lines.join('\n') + '\n';
}
