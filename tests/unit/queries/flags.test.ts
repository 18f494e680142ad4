import { describe, expect, it } from 'vitest';
import {
  flagSummaryQuery,
  flaggedPurchaseCountQuery,
  flaggedPurchasesQuery,
  notComputableQuery,
  sectorMeasuresQuery,
} from '../../../src/queries/flags';

const placeholders = (sql: string) => (sql.match(/\?/g) ?? []).length;

describe('flag query builders', () => {
  it('summary: filter values bound, buyer-level flags expanded to their purchases', () => {
    const q = flagSummaryQuery({ years: [2020], sectors: ['state'] });
    expect(q.params).toEqual([2020, 'state']);
    expect(placeholders(q.sql)).toBe(2);
    expect(q.sql).toContain("f.entity_type = 'buyer' AND f.code IN ('R013', 'R040', 'TL-YEAR-END')");
    expect(q.sql).toContain("f.code IN ('R029')");
    expect(q.sql).toMatch(/GROUP BY pf\.code, fp\.sector/);
  });

  it('list: code, limit and offset are bound after the filter values', () => {
    const q = flaggedPurchasesQuery({ buyers: ['B1'] }, { code: "R011'--", limit: 50, offset: 100 });
    expect(q.params).toEqual(['B1', "R011'--", 50, 100]);
    expect(placeholders(q.sql)).toBe(4);
    expect(q.sql).not.toContain("R011'--");
    expect(q.sql).toMatch(
      /ORDER BY r\.score DESC NULLS LAST, n_flags DESC, fp\.dataset_id, fp\.purchase_id\s+LIMIT \? OFFSET \?$/,
    );
  });

  it('list without a code has no HAVING; bad paging is refused', () => {
    expect(flaggedPurchasesQuery({}, { limit: 10, offset: 0 }).sql).not.toContain('HAVING');
    expect(() => flaggedPurchasesQuery({}, { limit: 0, offset: 0 })).toThrow(RangeError);
    expect(() => flaggedPurchasesQuery({}, { limit: 10, offset: -1 })).toThrow(RangeError);
    expect(() => flaggedPurchasesQuery({}, { limit: 1.5, offset: 0 })).toThrow(RangeError);
  });

  it("count matches the list's filter and code", () => {
    const q = flaggedPurchaseCountQuery({ methods: ['direct'] }, 'R018');
    expect(q.params).toEqual(['direct', 'R018']);
    expect(q.sql).toContain('HAVING bool_or(pf.code = ?)');
  });

  it('sector measures bind the buyer-year minimum last', () => {
    const q = sectorMeasuresQuery({ sectors: ['quasi_public'] }, 12);
    expect(q.params).toEqual(['quasi_public', 12]);
    expect(placeholders(q.sql)).toBe(2);
    expect(() => sectorMeasuresQuery({}, 0)).toThrow(RangeError);
  });

  it("not-computable list reads flag_status, naming each dataset by its file's name", () => {
    const q = notComputableQuery();
    expect(q.params).toEqual([]);
    expect(q.sql).toMatch(/FROM flag_status s LEFT JOIN datasets d USING \(dataset_id\)/);
    expect(q.sql).toContain('coalesce(d.name, s.dataset_id) AS dataset_name');
  });
});
