import { describe, expect, it } from 'vitest';
import { buildStories } from '../../src/i18n/stories';
import type { OverviewData } from '../../src/queries/overviewShape';

/** The shape of the demo's overview, with round numbers a reader can check by hand. */
const DATA: OverviewData = {
  totals: {
    quasi_public: { value: 4.6e12, n: 1000, noncompetitive: 2.07e12, competitive: 2.53e12 },
    state: { value: 1e12, n: 3000, noncompetitive: 0.26e12, competitive: 0.74e12 },
  },
  ratio: 4.6,
  years: [
    { key: '2018', quasi_public: 1.1e12, state: 0.3e12 },
    { key: '2019', quasi_public: 3.5e12, state: 0.7e12 },
  ],
  months: [],
  methods: [],
  topBuyers: {
    quasi_public: [{ id: '1', name: 'АО «Вымышленный холдинг»', value: 9.2e11, n: 40, share: 0.2 }],
    state: [{ id: '2', name: 'ГУ «Вымышленное управление»', value: 1e11, n: 90, share: 0.1 }],
  },
  topSuppliers: { quasi_public: [{ id: '3', name: 'ТОО «Поставщик»', value: 4.6e11, n: 12, share: 0.1 }], state: [] },
  sectors: ['quasi_public', 'state'],
};

describe('story cards written from the data', () => {
  it('tells the year, the ratio and the non-competitive shares in English', () => {
    const s = buildStories(DATA, 'en');
    expect(s.map((x) => x.id)).toEqual([
      'year-ratio',
      'noncompetitive',
      'trend',
      'top-buyer-quasi_public',
      'top-buyer-state',
      'top-supplier-quasi_public',
    ]);
    expect(s[0].text).toBe('In 2019 the quasi-public sector spent 3.5 tn ₸, 5.0× the state purchases (700 bn ₸).');
    expect(s[0].filter).toEqual({ years: [2019] });
    expect(s[1].text).toBe(
      '45% of the quasi-public sector’s value went through non-competitive methods, against 26% for state purchases.',
    );
    expect(s[2].text).toContain('1.1 tn ₸ in 2018, 3.5 tn ₸ in 2019 (3.2×)');
  });
  it('says the same in Russian and Kazakh, in their number forms, years never grouped', () => {
    const nb = (x: string) => x.replace(/[\u00a0\u202f]/g, ' ');
    const ru = buildStories(DATA, 'ru').map((x) => nb(x.text));
    expect(ru[0]).toBe(
      'В 2019 году квазигосударственный сектор потратил 3,5 трлн ₸ — 5,0× государственных закупок (700 млрд ₸).',
    );
    expect(ru[1]).toBe(
      '45 % суммы квазигосударственного сектора прошло через неконкурентные способы, против 26 % в государственных закупках.',
    );
    const kk = buildStories(DATA, 'kk').map((x) => nb(x.text));
    expect(kk[0]).toBe('2019 жылы квазимемлекеттік сектор 3,5 трлн ₸ жұмсады — мемлекеттік сатып алудың 5,0× (700 млрд ₸).');
    expect(kk[3]).toContain('АО «Вымышленный холдинг»: 920 млрд ₸, сектор сомасының 20 %');
    for (const text of [...ru, ...kk]) expect(text).not.toMatch(/2 0(18|19)/);
  });
  it('leaves out what the data cannot say: one sector and one year give no ratio and no trend', () => {
    const one: OverviewData = {
      ...DATA,
      totals: { state: DATA.totals.state },
      years: [{ key: '2019', state: 0.7e12 }],
      sectors: ['state'],
      topBuyers: { state: DATA.topBuyers.state },
      topSuppliers: {},
    };
    expect(buildStories(one, 'en').map((x) => x.id)).toEqual(['top-buyer-state']);
  });
});
