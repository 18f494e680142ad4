import type { OverviewData } from '../../queries/overviewShape';
import { formatNumber, formatRatio, formatTenge, formatTengeFull } from '../../i18n';
import { useI18n } from '../hooks/useI18n';
import { SECTOR_COLORS } from '../components/colors';

/** The story at a glance: each sector's total, and how many times the state the quasi-public sector spends. */
export function Headline({ data }: { data: OverviewData }) {
  const { t, locale } = useI18n();
  const sectors = ['quasi_public', 'state'] as const;
  return (
    <section className="headline" aria-label={t('headline.total')}>
      {sectors.map((s) => {
        const total = data.totals[s];
        return (
          <div className="headline-card" key={s} style={{ borderTopColor: SECTOR_COLORS[s] }}>
            <div className="headline-label">{t(`sector.${s}`)}</div>
            <div className="headline-figure" data-testid={`total-${s}`} title={formatTengeFull(total?.value ?? null, locale)}>
              {formatTenge(total?.value ?? null, locale)}
            </div>
            <div className="headline-sub">{t('headline.count', { count: formatNumber(total?.n ?? 0, locale) })}</div>
          </div>
        );
      })}
      <div className="headline-card headline-ratio-card">
        <div className="headline-label">{t('headline.ratio')}</div>
        <div className="headline-figure" data-testid="headline-ratio">
          {formatRatio(data.ratio, locale)}
        </div>
        <div className="headline-sub">{data.ratio === null ? t('headline.noRatio') : t('headline.ratioNote')}</div>
      </div>
    </section>
  );
}
