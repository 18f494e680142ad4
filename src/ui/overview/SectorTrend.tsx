import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OverviewData } from '../../queries/overviewShape';
import { formatCompact, formatMonth, formatTenge, formatTengeFull } from '../../i18n';
import { useI18n } from '../hooks/useI18n';
import { ChartCard } from '../components/ChartCard';
import { SECTOR_COLORS } from '../components/colors';

/** Monthly value per sector (line) — clicking a month filters by its year. */
export function MonthlyTrend({ data, onPickYear }: { data: OverviewData; onPickYear(year: number): void }) {
  const { t, locale } = useI18n();
  const months = data.months;
  const summary = months.length
    ? t('chart.monthly.summary', {
        from: formatMonth(months[0].key, locale),
        to: formatMonth(months[months.length - 1].key, locale),
        quasi: formatTenge(data.totals.quasi_public?.value ?? null, locale),
        state: formatTenge(data.totals.state?.value ?? null, locale),
      })
    : t('chart.empty');
  return (
    <ChartCard id="monthly" title={t('chart.monthly.title')} summary={summary} data={months} wide>
      <ResponsiveContainer width="100%" height={280}>
        <LineChart
          data={months}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          onClick={(e) => {
            const key = e?.activeLabel;
            if (typeof key === 'string') onPickYear(Number(key.slice(0, 4)));
          }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey="key" tickFormatter={(k: string) => formatMonth(k, locale)} minTickGap={24} fontSize={12} />
          <YAxis
            tickFormatter={(v: number) => formatCompact(v, locale)}
            fontSize={12}
            width={64}
            label={{ value: `₸ (${t('axis.tenge')})`, angle: -90, position: 'insideLeft', fontSize: 11 }}
          />
          <Tooltip formatter={(v) => formatTengeFull(Number(v), locale)} labelFormatter={(k) => formatMonth(String(k), locale)} />
          <Legend formatter={(s: string) => t(`sector.${s}` as 'sector.state')} />
          {data.sectors.map((s) => (
            <Line
              key={s}
              type="monotone"
              dataKey={s}
              stroke={SECTOR_COLORS[s]}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** Yearly value per sector, side by side — clicking a bar filters by that year. */
export function YearlyBars({ data, onPickYear }: { data: OverviewData; onPickYear(year: number): void }) {
  const { t, locale } = useI18n();
  const summary = data.years
    .map(
      (y) =>
        `${y.key}: ${data.sectors.map((s) => `${t(`sector.${s}` as 'sector.state')} ${formatTenge(Number(y[s]), locale)}`).join(', ')}`,
    )
    .join('; ');
  return (
    <ChartCard id="yearly" title={t('chart.yearly.title')} summary={summary || t('chart.empty')} data={data.years}>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data.years} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="key" fontSize={12} />
          <YAxis tickFormatter={(v: number) => formatCompact(v, locale)} fontSize={12} width={64} />
          <Tooltip formatter={(v) => formatTengeFull(Number(v), locale)} />
          {data.sectors.map((s) => (
            <Bar
              key={s}
              dataKey={s}
              name={t(`sector.${s}` as 'sector.state')}
              fill={SECTOR_COLORS[s]}
              isAnimationActive={false}
              cursor="pointer"
              onClick={(entry) => onPickYear(Number((entry as { payload?: { key: string } }).payload?.key))}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
