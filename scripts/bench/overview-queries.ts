import type { Engine } from '../../src/engine/types';
import type { BoundSql, Filter } from '../../src/queries/filter';
import { buildAggregates } from '../../src/queries/aggregates';
import { currencyGapQuery, overviewQuery } from '../../src/queries/overview';
import { flagSummaryQuery, flaggedPurchaseCountQuery, sectorMeasuresQuery } from '../../src/queries/flags';
import {
  currencyGapAggQuery,
  flagSummaryAggQuery,
  flaggedPurchaseCountAggQuery,
  overviewAggQuery,
  sectorMeasuresAggQuery,
} from '../../src/queries/overviewAggregated';

/** The queries the overview screen sends on a filter change (OverviewScreen + FlagPicture), by name: base tables and aggregates. */
export const overviewPanelQueries = {
  /** Builds the aggregate tables; returns ms. */
  prepare(engine: Engine): Promise<number> {
    return buildAggregates(engine);
  },
  build(filter: Filter, source: 'base' | 'aggregates'): Record<string, BoundSql> {
    return source === 'base'
      ? {
          overview: overviewQuery(filter),
          currencyGap: currencyGapQuery(filter),
          flagCount: flaggedPurchaseCountQuery(filter),
          flagSummary: flagSummaryQuery(filter),
          measures: sectorMeasuresQuery(filter),
        }
      : {
          overview: overviewAggQuery(filter),
          currencyGap: currencyGapAggQuery(filter),
          flagCount: flaggedPurchaseCountAggQuery(filter),
          flagSummary: flagSummaryAggQuery(filter),
          measures: sectorMeasuresAggQuery(filter),
        };
  },
};
