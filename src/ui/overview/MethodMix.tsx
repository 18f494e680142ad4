import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OverviewData } from '../../queries/overviewShape';
import { formatPercent } from '../../i18n';
import { METHODS } from '../../model/schema';
import { useI18n } from '../hooks/useI18n';
import { ChartCard } from '../components/ChartCard';
import { METHOD_COLORS } from '../components/colors';

/** Share of each sector's value by procurement method (100 % stacked) — click a segment to filter by method. */
export function MethodMix({ data, onPickMethod }: { data: OverviewData; onPickMethod(method: string): void }) {
  const { t, locale } = useI18n();
  const methods = [...METHODS, 'unknown'].filter((m) => data.methods.some((r) => r.method === m));
  const rows = data.sectors.map((s) => {
    const row: Record<string, string | number> = { sector: t(`sector.${s}` as 'sector.state') };
    for (const m of methods) row[m] = data.methods.find((r) => r.sector === s && r.method === m)?.share ?? 0;
    return row;
  });
  const ncShare = (s: string) => {
    const tot = data.totals[s];
    return tot && tot.value > 0 ? tot.noncompetitive / tot.value : null;
  };
  const summary = t('chart.methods.summary', {
    quasi: formatPercent(ncShare('quasi_public'), locale),
    state: formatPercent(ncShare('state'), locale),
  });
  return (
    <ChartCard
      id="methods"
      title={t('chart.methods.title')}
      summary={summary}
      units={t('axis.shareUnits')}
      data={data.methods}
      columns={[
        { key: 'sector', label: t('filter.sector'), format: (s) => t(`sector.${String(s)}` as 'sector.state') },
        { key: 'method', label: t('filter.method'), format: (m) => t(`method.${String(m)}` as 'method.open') },
        { key: 'share', label: t('axis.share'), format: (v) => formatPercent(Number(v), locale) },
      ]}
      action={{
        label: (r) => t('chart.filterBy', { name: t(`method.${String(r.method)}` as 'method.open') }),
        run: (r) => onPickMethod(String(r.method)),
      }}
      legend={methods.map((m) => ({ label: t(`method.${m}` as 'method.open'), color: METHOD_COLORS[m] }))}
    >
      <ResponsiveContainer width="100%" height={220}>
        <BarChart
          accessibilityLayer={false}
          data={rows}
          layout="vertical"
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          stackOffset="expand"
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => formatPercent(v, locale, 0)} fontSize={12} />
          <YAxis type="category" dataKey="sector" width={130} fontSize={12} />
          <Tooltip formatter={(v) => formatPercent(Number(v), locale)} />
          {methods.map((m) => (
            <Bar
              key={m}
              dataKey={m}
              stackId="m"
              fill={METHOD_COLORS[m]}
              name={t(`method.${m}` as 'method.open')}
              isAnimationActive={false}
              cursor="pointer"
              onClick={() => onPickMethod(m)}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
