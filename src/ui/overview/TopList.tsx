import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCompact, formatPercent, formatTenge, formatTengeFull } from '../../i18n';
import { useI18n } from '../hooks/useI18n';
import { ChartCard } from '../components/ChartCard';
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
  const short = (s: string) => (s.length > 34 ? `${s.slice(0, 33)}…` : s);
  return (
    <ChartCard id={`top-${props.kind}-${props.sector}`} title={title} summary={summary} data={props.entries}>
      <ResponsiveContainer width="100%" height={Math.max(120, props.entries.length * 28 + 30)}>
        <BarChart data={props.entries} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <XAxis type="number" tickFormatter={(v: number) => formatCompact(v, locale)} fontSize={11} />
          <YAxis type="category" dataKey="name" width={210} tickFormatter={short} fontSize={11} interval={0} />
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
