import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Filter } from '../../queries/filter';
import type { FlagSummaryRow, SectorMeasuresRow } from '../../queries/flags';
import { TIER1_FLAGS } from '../../flags/registry';
import { formatNumber, formatPercent } from '../../i18n';
import { useEngine } from '../hooks/EngineContext';
import { useI18n } from '../hooks/useI18n';
import { usePlannedSql } from '../hooks/useSql';
import { ChartCard } from '../components/ChartCard';
import { SECTOR_COLORS } from '../components/colors';

/** The overview's red-flag panels: how many purchases are flagged, by flag and sector, and the fair sector comparison. */
export function FlagPicture({ filter, onOpenFlag }: { filter: Filter; onOpenFlag(code: string): void }) {
  const { t, locale } = useI18n();
  const { flagsState, flagsError } = useEngine();
  const ready = flagsState === 'ready';
  // Aggregate or base tables: the planner decides (src/queries/planner.ts).
  const count = usePlannedSql<{ n: number }, 'flaggedPurchaseCount'>('flaggedPurchaseCount', filter, { enabled: ready });
  const summary = usePlannedSql<FlagSummaryRow & Record<string, unknown>, 'flagSummary'>('flagSummary', filter, {
    enabled: ready,
  });
  const measures = usePlannedSql<SectorMeasuresRow & Record<string, unknown>, 'sectorMeasures'>('sectorMeasures', filter);

  const rows = TIER1_FLAGS.map((f) => {
    const r: Record<string, string | number> = { code: f.code, name: f.name };
    for (const s of summary.data ?? []) if (s.code === f.code) r[s.sector] = s.purchases;
    return r;
  }).filter((r) => Object.keys(r).length > 2);
  const sectors = [...new Set((summary.data ?? []).map((s) => s.sector))].sort().reverse();
  const m = (s: string) => measures.data?.find((r) => r.sector === s);

  return (
    <>
      <ChartCard
        id="flags-by-code"
        title={t('flags.picture.title')}
        summary={
          ready
            ? t('flags.picture.summary', { count: formatNumber(count.data?.[0]?.n ?? 0, locale) })
            : flagsState === 'failed'
              ? t('flags.failed', { reason: flagsError ?? '' })
              : t('flags.computing')
        }
        data={summary.data}
      >
        <p className="flag-count-line">
          <span className="big-number" data-testid="flag-count">
            {ready && count.data && !count.isPlaceholderData ? formatNumber(count.data[0]?.n ?? 0, locale) : '…'}
          </span>{' '}
          {t('flags.picture.flagged')}
        </p>
        <ResponsiveContainer width="100%" height={Math.max(140, rows.length * 26 + 40)}>
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" horizontal={false} />
            <XAxis type="number" fontSize={11} />
            <YAxis type="category" dataKey="name" width={220} fontSize={11} interval={0} />
            <Tooltip />
            <Legend formatter={(s: string) => t(`sector.${s}` as 'sector.state')} />
            {sectors.map((s) => (
              <Bar
                key={s}
                dataKey={s}
                fill={SECTOR_COLORS[s]}
                isAnimationActive={false}
                cursor="pointer"
                onClick={(e) => onOpenFlag(String((e as { payload?: { code: string } }).payload?.code))}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard
        id="sector-measures"
        title={t('flags.measures.title')}
        summary={t('flags.measures.summary')}
        data={measures.data}
      >
        <table className="data" data-testid="sector-measures">
          <thead>
            <tr>
              <th />
              {['quasi_public', 'state']
                .filter((s) => m(s))
                .map((s) => (
                  <th key={s} className="num">
                    {t(`sector.${s}` as 'sector.state')}
                  </th>
                ))}
            </tr>
          </thead>
          <tbody>
            {(
              [
                ['flags.measures.direct', (r: SectorMeasuresRow) => formatPercent(r.direct_share, locale)],
                ['flags.measures.singleBid', (r: SectorMeasuresRow) => formatPercent(r.single_bid_share, locale)],
                ['flags.measures.bidders', (r: SectorMeasuresRow) => formatNumber(r.avg_bidders, locale, 2)],
                ['flags.measures.hhi', (r: SectorMeasuresRow) => formatNumber(r.mean_hhi, locale, 0)],
              ] as const
            ).map(([key, fmt]) => (
              <tr key={key}>
                <td>{t(key)}</td>
                {['quasi_public', 'state']
                  .filter((s) => m(s))
                  .map((s) => (
                    <td key={s} className="num">
                      {fmt(m(s)!)}
                    </td>
                  ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ChartCard>
    </>
  );
}
