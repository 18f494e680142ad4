import type { OverviewData } from '../queries/overviewShape';
import type { Filter } from '../queries/filter';
import { formatPercent, formatRatio, formatTenge, formatYear, type Locale } from './format';
import { translate } from './index';

/** One finding for the Overview: a sentence from the data, and the filter and chart that show it. */
export interface Story {
  id: string;
  text: string;
  filter: Filter;
  /** The ChartCard id the link scrolls to. */
  chart: string;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * Four to six findings written from the overview's query results, in `locale`. Every number in a
 * sentence comes from `data`; a finding whose numbers are not there (one sector only, one year)
 * is left out rather than written with blanks.
 */
export function buildStories(data: OverviewData, locale: Locale): Story[] {
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(locale, key, vars);
  const stories: Story[] = [];
  const q = data.totals.quasi_public;
  const s = data.totals.state;

  // The most recent year with both sectors: how the quasi-public sector compares with the state.
  const year = [...data.years].reverse().find((y) => Number(y.quasi_public) > 0 && Number(y.state) > 0);
  if (year) {
    const qv = Number(year.quasi_public);
    const sv = Number(year.state);
    stories.push({
      id: 'year-ratio',
      text: t('story.yearRatio', {
        year: formatYear(Number(year.key)),
        quasi: formatTenge(qv, locale),
        ratio: formatRatio(qv / sv, locale),
        state: formatTenge(sv, locale),
      }),
      filter: { years: [Number(year.key)] },
      chart: 'yearly',
    });
  }

  // Non-competitive share of value, each sector.
  if (q && s && q.value > 0 && s.value > 0) {
    stories.push({
      id: 'noncompetitive',
      text: t('story.noncompetitive', {
        quasi: formatPercent(share(q.noncompetitive, q.value), locale, 0),
        state: formatPercent(share(s.noncompetitive, s.value), locale, 0),
      }),
      filter: { methods: ['direct', 'limited'] },
      chart: 'methods',
    });
  }

  // How spending moved between the first and the last year in view, per sector with both years.
  if (data.years.length >= 2) {
    const first = data.years[0];
    const last = data.years[data.years.length - 1];
    const sector = data.sectors.find((x) => Number(first[x]) > 0 && Number(last[x]) > 0);
    if (sector) {
      stories.push({
        id: 'trend',
        text: t('story.trend', {
          sector: t(`sector.${sector}` as 'sector.state'),
          from: formatTenge(Number(first[sector]), locale),
          fromYear: formatYear(Number(first.key)),
          to: formatTenge(Number(last[sector]), locale),
          toYear: formatYear(Number(last.key)),
          ratio: formatRatio(Number(last[sector]) / Number(first[sector]), locale),
        }),
        filter: { sectors: [sector] },
        chart: 'monthly',
      });
    }
  }

  // The largest buyer and the largest supplier of each sector in view.
  for (const sector of data.sectors.filter((x) => x !== 'unknown')) {
    const buyer = data.topBuyers[sector]?.[0];
    if (buyer && stories.length < 6)
      stories.push({
        id: `top-buyer-${sector}`,
        text: t('story.topBuyer', {
          sector: t(`sector.${sector}` as 'sector.state'),
          name: buyer.name,
          value: formatTenge(buyer.value, locale),
          share: formatPercent(buyer.share, locale, 0),
        }),
        filter: { buyers: [buyer.id] },
        chart: `top-buyers-${sector}`,
      });
  }
  const supplier = data.sectors.map((x) => ({ x, e: data.topSuppliers[x]?.[0] })).find((v) => v.e && v.x !== 'unknown');
  if (supplier?.e && stories.length < 6)
    stories.push({
      id: `top-supplier-${supplier.x}`,
      text: t('story.topSupplier', {
        sector: t(`sector.${supplier.x}` as 'sector.state'),
        name: supplier.e.name,
        value: formatTenge(supplier.e.value, locale),
        share: formatPercent(supplier.e.share, locale, 0),
      }),
      filter: { suppliers: [supplier.e.id] },
      chart: `top-suppliers-${supplier.x}`,
    });
  return stories.slice(0, 6);
}
