import { useMemo } from 'react';
import type { Filter } from '../../queries/filter';
import type { OverviewRow } from '../../queries/overview';
import { shapeOverview } from '../../queries/overviewShape';
import { formatNumber } from '../../i18n';
import { usePlannedSql } from '../hooks/useSql';
import { useEngine } from '../hooks/EngineContext';
import { isSnapshotRows } from '../../queries/overviewSnapshot';
import { useI18n } from '../hooks/useI18n';
import { toggleFilterValue } from '../hooks/urlState';
import { Headline } from './Headline';
import { MethodMix } from './MethodMix';
import { MonthlyTrend, YearlyBars } from './SectorTrend';
import { TopList } from './TopList';
import { Stories } from './Stories';
import { FlagPicture } from '../flags/FlagPicture';

/** The journalist's first screen: totals, ratio, trends, method mix and top lists for the current filter. */
export function OverviewScreen({
  filter,
  onFilter,
  onOpenFlag,
}: {
  filter: Filter;
  onFilter(f: Filter): void;
  onOpenFlag(code: string): void;
}) {
  const { t, locale } = useI18n();
  // Aggregate or base tables: the planner decides (src/queries/planner.ts).
  const result = usePlannedSql<OverviewRow & Record<string, unknown>, 'overview'>('overview', filter);
  const gap = usePlannedSql<{ currency: string; n: number }, 'currencyGap'>('currencyGap', filter);
  const data = useMemo(() => (result.data ? shapeOverview(result.data) : null), [result.data]);
  // 'snapshot' while the saved demo view stands in for the engine (src/session/firstPaint.ts); tests wait for 'live'.
  const live = useEngine().live && !isSnapshotRows(result.data);

  if (result.error)
    return (
      <p className="error" role="alert">
        {t('error.query', { message: (result.error as { userMessage?: string }).userMessage ?? String(result.error) })}
      </p>
    );
  if (!data) return <p className="loading">{t('loading')}</p>;

  const pickYear = (y: number) => Number.isFinite(y) && onFilter(toggleFilterValue(filter, 'years', y));
  const gapRows = gap.data ?? [];
  return (
    <div
      className="overview"
      data-testid="overview"
      data-fetching={result.isFetching ? 'true' : 'false'}
      data-source={live ? 'live' : 'snapshot'}
    >
      {!live && (
        <p className="notice snapshot-note" role="status" data-testid="snapshot-note">
          {t('engine.snapshot')}
        </p>
      )}
      <Headline data={data} />
      <Stories data={data} onFilter={onFilter} />
      {gapRows.length > 0 && (
        <p className="notice">
          {t('currency.gap', {
            count: formatNumber(
              gapRows.reduce((a, r) => a + r.n, 0),
              locale,
            ),
            currencies: gapRows.map((r) => r.currency).join(', '),
          })}
        </p>
      )}
      <div className="grid">
        <MonthlyTrend data={data} onPickYear={pickYear} />
        <YearlyBars data={data} onPickYear={pickYear} />
        <MethodMix data={data} onPickMethod={(m) => onFilter(toggleFilterValue(filter, 'methods', m))} />
        <FlagPicture filter={filter} onOpenFlag={onOpenFlag} />
        {data.sectors.map((s) => (
          <TopList
            key={`b-${s}`}
            kind="buyers"
            sector={s}
            entries={data.topBuyers[s] ?? []}
            onPick={(id) => onFilter(toggleFilterValue(filter, 'buyers', id))}
          />
        ))}
        {data.sectors.map((s) => (
          <TopList
            key={`s-${s}`}
            kind="suppliers"
            sector={s}
            entries={data.topSuppliers[s] ?? []}
            onPick={(id) => onFilter(toggleFilterValue(filter, 'suppliers', id))}
          />
        ))}
      </div>
    </div>
  );
}
