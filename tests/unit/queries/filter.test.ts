import { describe, expect, it } from 'vitest';
import { isEmptyFilter, whereClause } from '../../../src/queries/filter';

describe('whereClause', () => {
  it('is TRUE for an empty filter, and empty lists mean "all"', () => {
    expect(whereClause({})).toEqual({ sql: 'TRUE', params: [] });
    expect(whereClause({ years: [], sectors: [] })).toEqual({ sql: 'TRUE', params: [] });
    expect(isEmptyFilter({ years: [] })).toBe(true);
  });

  it('binds every value, in the order of the placeholders, with an optional alias', () => {
    const w = whereClause(
      { years: [2019, 2020], sectors: ['state'], methods: ['direct'], buyers: ["O'Brien"], suppliers: ['S1', 'S2'] },
      'p',
    );
    expect(w.sql).toBe(
      'year(p.signed_date) IN (?, ?) AND p.sector IN (?) AND p.method IN (?) AND p.buyer_id IN (?) AND p.supplier_id IN (?, ?)',
    );
    expect(w.params).toEqual([2019, 2020, 'state', 'direct', "O'Brien", 'S1', 'S2']);
    expect(w.sql.match(/\?/g)!.length).toBe(w.params.length);
  });

  it('never pastes a value into the SQL text', () => {
    const evil = "x') OR 1=1 --";
    const w = whereClause({ buyers: [evil], suppliers: [evil] });
    expect(w.sql).not.toContain(evil);
    expect(w.params).toEqual([evil, evil]);
  });
});
