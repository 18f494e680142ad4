import { describe, expect, it } from 'vitest';
import { shapeOverview } from '../../src/queries/overviewShape';
import type { OverviewRow } from '../../src/queries/overview';

const row = (
  panel: OverviewRow['panel'],
  sector: string,
  key: string | null,
  value: number,
  extra: Partial<OverviewRow> = {},
): OverviewRow => ({
  panel,
  sector,
  key,
  label: null,
  value,
  n: 1,
  competitive_value: null,
  noncompetitive_value: null,
  ...extra,
});

describe('shaping the overview scan into panels', () => {
  it('computes the quasi-public ÷ state ratio only when both sectors are present', () => {
    const both = shapeOverview([row('sector', 'state', null, 200), row('sector', 'quasi_public', null, 900)]);
    expect(both.ratio).toBe(4.5);
    expect(both.sectors).toEqual(['quasi_public', 'state']);
    expect(shapeOverview([row('sector', 'state', null, 200)]).ratio).toBeNull();
  });
  it('fills missing sector points in a series with zero and sorts by key', () => {
    const d = shapeOverview([
      row('sector', 'state', null, 3),
      row('sector', 'quasi_public', null, 5),
      row('sector_year', 'state', '2020', 3),
      row('sector_year', 'quasi_public', '2019', 5),
    ]);
    expect(d.years).toEqual([
      { key: '2019', quasi_public: 5, state: 0 },
      { key: '2020', state: 3, quasi_public: 0 },
    ]);
  });
  it('gives each method and top entry its share of the sector', () => {
    const d = shapeOverview([
      row('sector', 'state', null, 200),
      row('sector_method', 'state', 'direct', 50),
      row('top_buyer', 'state', 'B1', 150, { label: 'School' }),
    ]);
    expect(d.methods[0]).toMatchObject({ method: 'direct', share: 0.25 });
    expect(d.topBuyers.state[0]).toMatchObject({ id: 'B1', name: 'School', share: 0.75 });
  });
});
