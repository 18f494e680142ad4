import { describe, expect, it } from 'vitest';
import { AGGREGATE_TABLES } from '../../../src/queries/aggregates';
import { planQuery, type Question } from '../../../src/queries/planner';

const readsAggregates = (sql: string) => AGGREGATE_TABLES.some((t) => new RegExp(`\\b${t}\\b`).test(sql));

const ASKED: { [Q in Question]: Parameters<typeof planQuery<Q>>[1] } = {
  overview: { years: [2020] },
  currencyGap: {},
  flaggedPurchaseCount: { sectors: ['state'] },
  flagSummary: {},
  sectorMeasures: {},
  entityNames: { buyers: ['010140000123'], suppliers: [] },
};

describe('the query planner', () => {
  for (const question of Object.keys(ASKED) as Question[]) {
    it(`${question}: aggregate tables only while they belong to the loaded data`, () => {
      const arg = ASKED[question] as never;
      expect(readsAggregates(planQuery(question, arg, true).sql)).toBe(true);
      expect(readsAggregates(planQuery(question, arg, false).sql)).toBe(false);
    });
  }
});
