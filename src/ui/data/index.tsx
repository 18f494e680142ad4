import { useEffect, useState } from 'react';
import { storageUse } from '../../session/storage';
import { datasetsQuery, rejectsQuery } from '../../queries/overview';
import { formatNumber, formatTenge } from '../../i18n';
import { useSession } from '../hooks/useSession';
import { useI18n } from '../hooks/useI18n';
import { useSql } from '../hooks/useSql';
import { downloadText, recordsCsv } from '../components/csv';
import { MappingDialog } from './MappingDialog';
import type { ImportQueue } from './useImportQueue';

const ACCEPT = '.csv,.tsv,.txt,.xlsx,.json,.jsonl,.ndjson';

/** The Data screen: upload, confirm the mapping, see what was loaded and rejected, remove datasets. */
export function DataScreen({ imports }: { imports: ImportQueue }) {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const datasets = useSql<{ dataset_id: string; name: string; source: string; sector: string; rows_read: number; rows_rejected: number; purchases: number; value_kzt: number | null }>(datasetsQuery());
  const [use, setUse] = useState<Awaited<ReturnType<typeof storageUse>> | null>(null);
  const [showRejects, setShowRejects] = useState<string | null>(null);
  const status = imports.status;

  useEffect(() => {
    storageUse().then(setUse, () => setUse(null));
  }, [datasets.data, imports.log]);

  const remove = (datasetId: string) => session.remove(datasetId);

  return (
    <div className="data-screen" data-testid="data-screen">
      <section className="card upload-card">
        <h2>{t('data.upload.title')}</h2>
        <p className="muted">{t('data.upload.help')}</p>
        <label className="upload-button">
          {t('data.upload.label')}
          <input
            type="file"
            multiple
            accept={ACCEPT}
            data-testid="upload-input"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              imports.add(files);
            }}
          />
        </label>
        <span className="muted"> {t('data.upload.drop')}</span>
        {status.state === 'drafting' && <p role="status">{t('data.status.drafting', { file: status.fileName })}</p>}
        {status.state === 'loading' && (
          <p role="status" data-testid="import-progress">
            {t('data.status.loading', { file: status.fileName, stage: t(`data.stage.${status.stage}` as 'data.stage.read') })}
            {status.total ? ` ${Math.round(((status.done ?? 0) / status.total) * 100)}%` : ''}{' '}
            <button type="button" onClick={imports.cancel}>{t('data.cancel')}</button>
          </p>
        )}
        {imports.log.map((entry, i) => (
          <p key={i} className={entry.error ? 'error' : 'notice ok'} role={entry.error ? 'alert' : 'status'} data-testid={entry.error ? 'import-error' : 'import-result'}>
            {entry.error
              ? entry.error
              : t('data.result', {
                  file: entry.fileName,
                  imported: formatNumber(entry.outcome!.rowsImported, locale),
                  rejected: formatNumber(entry.outcome!.rowsRejected, locale),
                  total: formatNumber(entry.outcome!.rowsRead, locale),
                  seconds: (entry.outcome!.timings.totalMs / 1000).toFixed(1),
                })}
          </p>
        ))}
      </section>

      {status.state === 'confirm' && <MappingDialog file={status.file} draft={status.draft} onConfirm={imports.confirm} onCancel={imports.cancel} />}

      <section className="card">
        <h2>{t('data.datasets.title')}</h2>
        <table className="data" data-testid="datasets-table">
          <thead>
            <tr>
              <th>{t('data.datasets.name')}</th>
              <th>{t('filter.sector')}</th>
              <th className="num">{t('data.datasets.rows')}</th>
              <th className="num">{t('data.datasets.rejected')}</th>
              <th className="num">{t('data.datasets.value')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(datasets.data ?? []).map((d) => (
              <tr key={d.dataset_id} data-testid={`dataset-${d.dataset_id}`}>
                <td>
                  {d.name}
                  <div className="muted small">{d.source}</div>
                </td>
                <td>{t(`sector.${d.sector}` as 'sector.state')}</td>
                <td className="num">{formatNumber(d.purchases, locale)}</td>
                <td className="num">
                  {d.rows_rejected > 0 ? (
                    <button type="button" className="link-button" onClick={() => setShowRejects(showRejects === d.dataset_id ? null : d.dataset_id)}>
                      {formatNumber(d.rows_rejected, locale)}
                    </button>
                  ) : (
                    '0'
                  )}
                </td>
                <td className="num">{formatTenge(d.value_kzt, locale)}</td>
                <td>
                  <button type="button" className="link-button" data-testid={`remove-${d.dataset_id}`} onClick={() => void remove(d.dataset_id)}>
                    {t('data.datasets.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {showRejects && <Rejects datasetId={showRejects} />}
      </section>

      <section className="card">
        <h2>{t('data.storage.title')}</h2>
        <p className="muted">
          {use
            ? t('data.storage.use', { count: use.count, mb: (use.datasetsBytes / 1e6).toFixed(1), quota: use.quota ? (use.quota / 1e9).toFixed(1) : '?' })
            : t('data.storage.unavailable')}
        </p>
        <button
          type="button"
          onClick={async () => {
            await session.clearStorage();
            setUse(await storageUse());
          }}
        >
          {t('data.storage.clear')}
        </button>
      </section>
    </div>
  );
}

function Rejects({ datasetId }: { datasetId: string }) {
  const { t } = useI18n();
  const rows = useSql<{ line: number; column: string; reason: string; value: string }>(rejectsQuery(datasetId, 100_000));
  const list = rows.data ?? [];
  return (
    <div className="rejects" data-testid="rejects">
      <div className="card-header">
        <h3>{t('data.rejects.title', { count: list.length })}</h3>
        <button type="button" className="link-button" onClick={() => downloadText(`rejects-${datasetId}.csv`, recordsCsv(list))}>
          {t('chart.download')}
        </button>
      </div>
      <table className="data">
        <thead>
          <tr>
            <th className="num">{t('data.rejects.line')}</th>
            <th>{t('data.rejects.column')}</th>
            <th>{t('data.rejects.reason')}</th>
            <th>{t('data.rejects.value')}</th>
          </tr>
        </thead>
        <tbody>
          {list.slice(0, 200).map((r, i) => (
            <tr key={i}>
              <td className="num">{r.line}</td>
              <td>{r.column}</td>
              <td>{r.reason}</td>
              <td><code>{r.value}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
