import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OverviewData } from '../../queries/overviewShape';
import { formatCompact, formatMonth, formatTenge, formatTengeFull } from '../../i18n';
import { useI18n } from '../hooks/useI18n';
import { ChartCard, type ChartColumn } from '../components/ChartCard';
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
  const tenge = (v: unknown) => formatTengeFull(v === null || v === undefined ? null : Number(v), locale);
  const columns: ChartColumn[] = [
    { key: 'key', label: t('axis.month'), format: (k) => formatMonth(String(k), locale) },
    ...data.sectors.map((s) => ({ key: s, label: t(`sector.${s}` as 'sector.state'), format: tenge })),
  ];
  return (
    <ChartCard
      id="monthly"
      title={t('chart.monthly.title')}
      summary={summary}
      units={t('axis.tengeUnits')}
      data={months}
      columns={columns}
      action={{
        label: (r) => t('chart.filterBy', { name: String(r.key).slice(0, 4) }),
        run: (r) => onPickYear(Number(String(r.key).slice(0, 4))),
      }}
      legend={sectorLegend(data, t)}
      wide
    >
      <ResponsiveContainer width="100%" height={280}>
        <LineChart
          accessibilityLayer={false}
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
          {data.sectors.map((s) => (
            <Line
              key={s}
              type="monotone"
              dataKey={s}
              name={t(`sector.${s}` as 'sector.state')}
              stroke={SECTOR_COLORS[s]}
              strokeDasharray={SECTOR_DASH[s]}
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
  const columns: ChartColumn[] = [
    { key: 'key', label: t('axis.year') },
    ...data.sectors.map((s) => ({
      key: s,
      label: t(`sector.${s}` as 'sector.state'),
      format: (v: unknown) => formatTengeFull(v === null || v === undefined ? null : Number(v), locale),
    })),
  ];
  return (
    <ChartCard
      id="yearly"
      title={t('chart.yearly.title')}
      summary={summary || t('chart.empty')}
      units={t('axis.tengeUnits')}
      data={data.years}
      columns={columns}
      action={{ label: (r) => t('chart.filterBy', { name: String(r.key) }), run: (r) => onPickYear(Number(r.key)) }}
      legend={sectorLegend(data, t)}
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart accessibilityLayer={false} data={data.years} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
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

/** Sector names beside their colours: the legend in the card and in downloaded pictures. */
function sectorLegend(data: OverviewData, t: ReturnType<typeof useI18n>['t']) {
  return data.sectors.map((s) => ({ label: t(`sector.${s}` as 'sector.state'), color: SECTOR_COLORS[s] }));
}

/** The monthly lines differ by dash as well as colour, for readers who do not tell the colours apart. */
const SECTOR_DASH: Record<string, string | undefined> = { state: '6 3', unknown: '2 3' };
