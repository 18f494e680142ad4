import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCompact, formatNumber, formatPercent, formatTenge, formatTengeFull } from '../../i18n';
import { useI18n } from '../hooks/useI18n';
import { ChartCard } from '../components/ChartCard';
import { middleEllipsis } from '../components/middleEllipsis';
import { SECTOR_COLORS } from '../components/colors';

type Entry = { id: string; name: string; value: number; n: number; share: number };

/** Top buyers or suppliers of one sector — clicking a bar filters the dashboard by that organisation. */
export function TopList(props: { kind: 'buyers' | 'suppliers'; sector: string; entries: Entry[]; onPick(id: string): void }) {
  const { t, locale } = useI18n();
  const sectorName = t(`sector.${props.sector}` as 'sector.state');
  const title = t(props.kind === 'buyers' ? 'chart.topBuyers.title' : 'chart.topSuppliers.title', { sector: sectorName });
  const first = props.entries[0];
  const summary = first
    ? t('chart.top.summary', {
        name: first.name,
        value: formatTenge(first.value, locale),
        share: formatPercent(first.share, locale),
      })
    : t('chart.empty');
  return (
    <ChartCard
      id={`top-${props.kind}-${props.sector}`}
      title={title}
      summary={summary}
      units={t('axis.tengeUnits')}
      data={props.entries}
      columns={[
        { key: 'name', label: t(props.kind === 'buyers' ? 'filter.buyer' : 'filter.supplier') },
        { key: 'id', label: t('axis.id') },
        { key: 'value', label: t('axis.value'), format: (v) => formatTengeFull(Number(v), locale) },
        { key: 'n', label: t('axis.purchases'), format: (v) => formatNumber(Number(v), locale) },
        { key: 'share', label: t('axis.share'), format: (v) => formatPercent(Number(v), locale) },
      ]}
      action={{ label: (r) => t('chart.filterBy', { name: String(r.name) }), run: (r) => props.onPick(String(r.id)) }}
    >
      <ResponsiveContainer width="100%" height={Math.max(120, props.entries.length * 28 + 30)}>
        <BarChart
          accessibilityLayer={false}
          data={props.entries}
          layout="vertical"
          margin={{ top: 4, right: 16, bottom: 4, left: 8 }}
        >
          <XAxis type="number" tickFormatter={(v: number) => formatCompact(v, locale)} fontSize={11} />
          <YAxis type="category" dataKey="name" width={230} tick={NameTick} interval={0} />
          <Tooltip formatter={(v) => formatTengeFull(Number(v), locale)} />
          <Bar
            dataKey="value"
            fill={SECTOR_COLORS[props.sector]}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(entry) => {
              const id = (entry as { payload?: Entry }).payload?.id;
              if (id) props.onPick(id);
            }}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** A bar's label: the name shortened in the middle, the full name on hover (SVG title). */
function NameTick(props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  const name = String(props.payload?.value ?? '');
  return (
    <text x={props.x} y={props.y} dy={4} textAnchor="end" fontSize={11} fill="#374151">
      <title>{name}</title>
      {middleEllipsis(name, 38)}
    </text>
  );
}
