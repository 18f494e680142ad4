import type { Filter, BoundSql } from './filter';
import { currencyGapQuery, entityNamesQuery, overviewQuery } from './overview';
import { flagSummaryQuery, flaggedPurchaseCountQuery, sectorMeasuresQuery } from './flags';
import {
  currencyGapAggQuery,
  entityNamesAggQuery,
  flagSummaryAggQuery,
  flaggedPurchaseCountAggQuery,
  overviewAggQuery,
  sectorMeasuresAggQuery,
} from './overviewAggregated';

/**
 * The one place that decides which tables answer a question: the overview's aggregate tables
 * (src/queries/aggregates.ts) while they belong to the loaded data, else the base tables. Both
 * builders of a question give the same rows (tests/engine/overview-aggregates.test.ts); the
 * aggregates only answer faster. Screens ask by question name and never choose.
 */
const QUESTIONS = {
  overview: { base: (f: Filter) => overviewQuery(f), aggregates: (f: Filter) => overviewAggQuery(f) },
  currencyGap: { base: currencyGapQuery, aggregates: currencyGapAggQuery },
  flaggedPurchaseCount: { base: (f: Filter) => flaggedPurchaseCountQuery(f), aggregates: flaggedPurchaseCountAggQuery },
  flagSummary: { base: (f: Filter) => flagSummaryQuery(f), aggregates: flagSummaryAggQuery },
  sectorMeasures: { base: (f: Filter) => sectorMeasuresQuery(f), aggregates: (f: Filter) => sectorMeasuresAggQuery(f) },
  entityNames: { base: entityNamesQuery, aggregates: entityNamesAggQuery },
} satisfies Record<string, { base: (arg: never) => BoundSql; aggregates: (arg: never) => BoundSql }>;

/** A question a screen may ask; each has a base-table and an aggregate-table answer. */
export type Question = keyof typeof QUESTIONS;
type Argument<Q extends Question> = Parameters<(typeof QUESTIONS)[Q]['base']>[0];

/** The query that answers `question`: from the aggregate tables when `aggregatesReady`, else from the base tables. */
export function planQuery<Q extends Question>(question: Q, arg: Argument<Q>, aggregatesReady: boolean): BoundSql {
  const q = QUESTIONS[question];
  const build = (aggregatesReady ? q.aggregates : q.base) as (a: Argument<Q>) => BoundSql;
  return build(arg);
}
