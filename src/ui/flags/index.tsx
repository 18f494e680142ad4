import { useMemo, useState } from 'react';
import type { Filter } from '../../queries/filter';
import {
  flaggedPurchaseCountQuery,
  flaggedPurchasesQuery,
  notComputableQuery,
  type FlaggedPurchaseRow,
  type NotComputableRow,
} from '../../queries/flags';
import { TIER1_FLAGS, flagByCode } from '../../flags/registry';
import { formatDate, formatNumber, formatTenge } from '../../i18n';
import { useEngine } from '../hooks/EngineContext';
import { useI18n } from '../hooks/useI18n';
import { useSql } from '../hooks/useSql';
import { Evidence } from './Evidence';
import { FlagSettings } from './FlagSettings';
import { FlagRates } from './FlagRates';

const PAGE = 50;

/** The monitor's queue: flagged purchases by risk score, each with why it was flagged. */
export function FlagsScreen({ filter, flag, onFlag }: { filter: Filter; flag?: string; onFlag(code: string | undefined): void }) {
  const { t, locale } = useI18n();
  const { flagsState, flagsError } = useEngine();
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const ready = flagsState === 'ready';
  const list = useSql<FlaggedPurchaseRow & Record<string, unknown>>(
    useMemo(() => flaggedPurchasesQuery(filter, { code: flag, limit: PAGE, offset: page * PAGE }), [filter, flag, page]),
    { enabled: ready },
  );
  const count = useSql<{ n: number }>(
    useMemo(() => flaggedPurchaseCountQuery(filter, flag), [filter, flag]),
    { enabled: ready },
  );
  const notComputable = useSql<NotComputableRow & Record<string, unknown>>(notComputableQuery(), { enabled: ready });
  const total = count.data?.[0]?.n ?? 0;

  if (!ready)
    return (
      <p className="loading" role="status">
        {flagsState === 'failed' ? t('flags.failed', { reason: flagsError ?? '' }) : t('flags.computing')}
      </p>
    );
  return (
    <div className="flags-screen" data-testid="flags-screen">
      <div className="flags-toolbar">
        <h2>{t('flags.title')}</h2>
        <p>
          <span data-testid="flag-count">{count.data && !count.isPlaceholderData ? formatNumber(total, locale) : '…'}</span>{' '}
          {t('flags.count', { count: '' }).trim()}
        </p>
        <label>
          {t('flags.filterByCode')}{' '}
          <select
            value={flag ?? ''}
            data-testid="flag-code-filter"
            onChange={(e) => {
              setPage(0);
              onFlag(e.target.value || undefined);
            }}
          >
            <option value="">{t('flags.allCodes')}</option>
            {TIER1_FLAGS.map((f) => (
              <option key={f.code} value={f.code}>{`${f.code} — ${f.name}`}</option>
            ))}
          </select>
        </label>
      </div>
      {(notComputable.data ?? []).length > 0 && (
        <details className="notice">
          <summary>
            {t('flags.notComputable')} ({notComputable.data!.length})
          </summary>
          <ul data-testid="not-computable">
            {notComputable.data!.map((r) => (
              <li key={`${r.dataset_id}-${r.code}`}>
                {t('flags.notComputableLine', {
                  code: `${r.code} (${flagByCode(r.code)?.name ?? ''})`,
                  dataset: r.dataset_name,
                  missing: r.missing,
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
      <FlagRates />
      <table className="data flags-table" data-testid="flagged-list">
        <thead>
          <tr>
            <th className="num">{t('flags.score')}</th>
            <th>Flags</th>
            <th>{t('filter.buyer')}</th>
            <th>{t('filter.supplier')}</th>
            <th>{t('filter.method')}</th>
            <th className="num">Amount</th>
            <th>Date</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((r) => {
            const key = `${r.dataset_id}/${r.purchase_id}`;
            const evidence = safeJson(r.evidence);
            return (
              <FlagRow
                key={key}
                row={r}
                open={open === key}
                onToggle={() => setOpen(open === key ? null : key)}
                evidence={evidence}
                locale={locale}
              />
            );
          })}
        </tbody>
      </table>
      <div className="pager">
        <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
          {t('flags.prev')}
        </button>
        <span>
          {t('flags.page', {
            from: formatNumber(total ? page * PAGE + 1 : 0, locale),
            to: formatNumber(Math.min(total, (page + 1) * PAGE), locale),
            total: formatNumber(total, locale),
          })}
        </span>
        <button type="button" disabled={(page + 1) * PAGE >= total} onClick={() => setPage(page + 1)}>
          {t('flags.next')}
        </button>
      </div>
      <FlagSettings />
    </div>
  );
}

function FlagRow({
  row,
  open,
  onToggle,
  evidence,
  locale,
}: {
  row: FlaggedPurchaseRow;
  open: boolean;
  onToggle(): void;
  evidence: Record<string, unknown>;
  locale: 'en' | 'ru' | 'kk';
}) {
  const { t } = useI18n();
  const codes = row.codes.split(',');
  return (
    <>
      <tr className="flag-row" onClick={onToggle} aria-expanded={open} data-testid="flagged-row">
        <td className="num">{row.score === null ? '—' : formatNumber(row.score, locale, 2)}</td>
        <td>
          {codes.map((c) => (
            <span key={c} className="flag-chip" title={flagByCode(c)?.name}>
              {c}
            </span>
          ))}
        </td>
        <td>{row.buyer_name ?? row.buyer_id}</td>
        <td>{row.supplier_name ?? row.supplier_id}</td>
        <td>{row.method_detail ?? row.method}</td>
        <td className="num">
          {row.amount_kzt !== null
            ? formatTenge(row.amount_kzt, locale)
            : `${formatNumber(row.amount, locale, 2)} ${row.currency ?? ''}`}
        </td>
        <td>{formatDate(row.signed_date, locale)}</td>
      </tr>
      {open && (
        <tr>
          <td colSpan={7} className="evidence-cell">
            <p className="muted small">
              {row.dataset_id} · {row.purchase_id}
              {row.item_code ? ` · ${row.item_code} ${row.item_name ?? ''}` : ''}
            </p>
            <h4>{t('flags.evidence')}</h4>
            <div className="evidence-grid">
              {codes.map((c) => (
                <Evidence key={c} code={c} evidence={evidence[c]} />
              ))}
            </div>
          </td>
        </tr>
      )}
    </>
  );
}

function safeJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}
