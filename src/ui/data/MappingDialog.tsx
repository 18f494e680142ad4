import { useEffect, useMemo, useState } from 'react';
import type { TableDraft } from '../../session/imports';
import { formatsFromDetection, previewImport } from '../../session/imports';
import { MAPPABLE_FIELDS, type ColumnMapping, type MappableField } from '../../ingest/mapping';
import type { Sector } from '../../model/schema';
import { formatNumber } from '../../i18n';
import { proposeMapping } from '../../ingest/recognise/propose';
import { describeReason } from '../../ingest/recognise/describe';
import { flagsNeeding } from '../../ingest/recognise/notComputable';
import { mappingFileText } from '../../ingest/mappingFile';
import { useEngine } from '../hooks/EngineContext';
import { useI18n } from '../hooks/useI18n';

const DATE_FORMATS = ['%d.%m.%Y', '%Y-%m-%d', '%d/%m/%Y', '%m/%d/%Y', '%d-%m-%Y', '%Y/%m/%d', '%Y.%m.%d'] as const;
const DECIMALS = ['.', ','] as const;
const ENCODING_LABEL: Record<string, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', 'windows-1251': 'Windows-1251', ibm866: 'CP866', 'koi8-r': 'KOI8-R' };
const DELIM_LABEL: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/**
 * Shows what TenderLens understood of a table file — encoding, delimiter, which column feeds which
 * field, number and date formats — with the first rows loaded through the real import SQL,
 * and lets the person change any of it before the file is loaded.
 */
export function MappingDialog(props: { file: Blob & { name: string }; draft: TableDraft; onConfirm(d: TableDraft): void; onCancel(): void }) {
  const { t, locale } = useI18n();
  const { engine } = useEngine();
  const [draft, setDraft] = useState<TableDraft>(props.draft);
  const [preview, setPreview] = useState<{ sample: Record<string, unknown>[]; rejected: number; read: number } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    setPreviewError(null);
    previewImport(engine, props.file, draft).then(
      (p) => !stale && setPreview(p),
      (e: unknown) => !stale && setPreviewError((e as { userMessage?: string }).userMessage ?? String(e)),
    );
    return () => {
      stale = true;
    };
  }, [engine, props.file, draft]);

  const headers = draft.detection.headers;
  // What recognition proposed and why (pure functions over the sample rows the draft already holds).
  const proposal = useMemo(() => proposeMapping(draft.detection.headers, draft.detection.sampleRows), [draft.detection]);
  const missing = flagsNeeding(draft.mapping);
  const download = () => {
    const url = URL.createObjectURL(new Blob([mappingFileText({ mapping: draft.mapping, currency: draft.currency || null })], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${draft.fileName.replace(/\.[^.]+$/, '')}.mapping.json`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const setMapping = (field: MappableField, col: string | null) => {
    const mapping: ColumnMapping = { ...draft.mapping, [field]: col };
    const detected = formatsFromDetection(draft.detection, mapping);
    setDraft({ ...draft, mapping, formats: { ...draft.formats, [field]: col ? detected[field] : undefined } });
  };
  const setFormat = (field: MappableField, patch: Record<string, unknown>) => setDraft({ ...draft, formats: { ...draft.formats, [field]: { ...(draft.formats[field] ?? {}), ...patch } } });
  const previewColumns = preview?.sample[0] ? Object.keys(preview.sample[0]) : [];

  return (
    <section className="dialog" role="dialog" aria-modal="false" aria-labelledby="mapping-title" data-testid="mapping-dialog">
      <h2 id="mapping-title">{t('data.mapping.title', { file: draft.fileName })}</h2>
      <p className="muted">
        {t('data.mapping.detected', {
          encoding: ENCODING_LABEL[draft.detection.encoding.encoding] ?? draft.detection.encoding.encoding,
          delimiter: DELIM_LABEL[draft.detection.dialect.delimiter] ?? draft.detection.dialect.delimiter,
          header: draft.detection.dialect.header ? t('data.mapping.withHeader') : t('data.mapping.noHeader'),
          columns: headers.length,
        })}
        {draft.rememberedMapping && <> {t('data.mapping.remembered')}</>}
      </p>
      {draft.warnings.map((w) => (
        <p key={w} className="notice">{w}</p>
      ))}
      {proposal.headerless && <p className="notice">{t('data.mapping.headerless')}</p>}
      <p className="muted" data-testid="mapping-currency-source">
        {proposal.currency.source === 'column'
          ? t('data.mapping.currencyFrom.column', { column: proposal.currency.column })
          : proposal.currency.source === 'none'
            ? t('data.mapping.currencyAsk')
            : t(`data.mapping.currencyFrom.${proposal.currency.source}`, { code: proposal.currency.code, column: proposal.currency.column })}
      </p>
      <div className="mapping-options">
        <label>
          {t('data.mapping.sector')}{' '}
          <select data-testid="mapping-sector" value={draft.sector} onChange={(e) => setDraft({ ...draft, sector: e.target.value as Sector })}>
            {(['state', 'quasi_public', 'unknown'] as const).map((s) => (
              <option key={s} value={s}>{t(`sector.${s}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('data.mapping.currency')}{' '}
          <input value={draft.currency} size={4} onChange={(e) => setDraft({ ...draft, currency: e.target.value.toUpperCase().slice(0, 3) })} />
        </label>
        {draft.sheets && draft.sheets.length > 1 && (
          <label>
            {t('data.mapping.sheet')}{' '}
            <select value={draft.sheet} onChange={(e) => setDraft({ ...draft, sheet: e.target.value })}>
              {draft.sheets.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      <table className="data mapping-table">
        <thead>
          <tr>
            <th>{t('data.mapping.field')}</th>
            <th>{t('data.mapping.column')}</th>
            <th>{t('data.mapping.format')}</th>
            <th>{t('data.mapping.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {MAPPABLE_FIELDS.map((field) => {
            const col = draft.mapping[field];
            const fmt = draft.formats[field] ?? {};
            const isNumber = ['amount', 'quantity', 'unit_price', 'n_bidders'].includes(field);
            const isDate = ['signed_date', 'tender_start', 'tender_end', 'supplier_registered'].includes(field);
            return (
              <tr key={field}>
                <td>{field}</td>
                <td>
                  <select aria-label={`${t('data.mapping.column')}: ${field}`} data-testid={`map-${field}`} value={col ?? ''} onChange={(e) => setMapping(field, e.target.value || null)}>
                    <option value="">{t('data.mapping.none')}</option>
                    {headers.map((h) => (
                      <option key={h} value={h}>{h}</option>
                    ))}
                  </select>
                </td>
                <td>
                  {col && isNumber && (
                    <select aria-label={`decimal separator: ${field}`} value={fmt.decimal ?? '.'} onChange={(e) => setFormat(field, { decimal: e.target.value })}>
                      {DECIMALS.map((d) => (
                        <option key={d} value={d}>{t('data.mapping.decimal', { sep: d })}</option>
                      ))}
                    </select>
                  )}
                  {col && isDate && (
                    <select aria-label={`date format: ${field}`} value={fmt.dateFormat ?? '%Y-%m-%d'} onChange={(e) => setFormat(field, { dateFormat: e.target.value })}>
                      {DATE_FORMATS.map((d) => (
                        <option key={d} value={d}>{d.replaceAll('%d', 'dd').replaceAll('%m', 'mm').replaceAll('%Y', 'yyyy')}</option>
                      ))}
                    </select>
                  )}
                </td>
                <td className="muted" data-testid={`map-reason-${field}`}>
                  {col && proposal.reasons[field]?.column === col ? describeReason(field, proposal.reasons[field]!, locale) : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {Object.keys(missing).length > 0 && (
        <div data-testid="mapping-unmapped">
          <h3>{t('data.mapping.unmappedTitle')}</h3>
          <ul>
            {Object.entries(missing).map(([field, flags]) => (
              <li key={field}>
                {flags && flags.length
                  ? t('data.mapping.unmappedField', { field, flags: flags.join(', ') })
                  : t('data.mapping.unmappedNoFlags', { field })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {proposal.unknownMethods.length > 0 && (
        <div data-testid="mapping-unknown-methods">
          <h3>{t('data.mapping.methodsTitle')}</h3>
          <ul>
            {proposal.unknownMethods.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t('data.mapping.preview')}</h3>
      {previewError && <p className="error" role="alert">{previewError}</p>}
      {preview && (
        <>
          <p className="muted" data-testid="mapping-preview-summary">
            {t('data.mapping.previewSummary', { read: formatNumber(preview.read, locale), rejected: formatNumber(preview.rejected, locale) })}
          </p>
          <div className="table-scroll">
            <table className="data" data-testid="mapping-preview">
              <thead>
                <tr>{previewColumns.map((c) => <th key={c}>{c}</th>)}</tr>
              </thead>
              <tbody>
                {preview.sample.map((r, i) => (
                  <tr key={i}>{previewColumns.map((c) => <td key={c}>{r[c] === null || r[c] === undefined ? '' : String(r[c])}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary" data-testid="mapping-confirm" onClick={() => props.onConfirm(draft)}>
          {t('data.mapping.confirm')}
        </button>
        <button type="button" data-testid="mapping-download" onClick={download}>
          {t('data.mapping.download')}
        </button>
        <button type="button" onClick={props.onCancel}>{t('data.mapping.cancel')}</button>
      </div>
    </section>
  );
}
