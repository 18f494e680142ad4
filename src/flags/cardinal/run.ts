import type { Engine, Row } from '../../engine/types';
import { createModel, type FlagRow } from '../../model/schema';
import type { Scope } from './common';
import type { CardinalIndicator } from './indicator';
import { createCardinalTables } from './load';
import { QUANTILE8_MACRO } from './quantile';
import { enabledCodes, type CardinalCode, type CardinalSettings } from './settings';
import { R003 } from './R003';
import { R018 } from './R018';
import { R024 } from './R024';
import { R025 } from './R025';
import { R028 } from './R028';
import { R030 } from './R030';
import { R035 } from './R035';
import { R036 } from './R036';
import { R038 } from './R038';
import { R048 } from './R048';
import { R058 } from './R058';

/** Every indicator, by code. */
export const CARDINAL_INDICATORS: Readonly<Record<CardinalCode, CardinalIndicator>> = {
  R003,
  R018,
  R024,
  R025,
  R028,
  R030,
  R035,
  R036,
  R038,
  R048,
  R058,
};

/** Cardinal's result groups. */
export type CardinalGroup = 'OCID' | 'Buyer' | 'ProcuringEntity' | 'Tenderer';

/** Cardinal's output shape: `{group: {id: {code: value}}}` plus `Meta: {code: {key: value}}`. */
export interface CardinalResult {
  OCID: Record<string, Record<string, number>>;
  Buyer: Record<string, Record<string, number>>;
  ProcuringEntity: Record<string, Record<string, number>>;
  Tenderer: Record<string, Record<string, number>>;
  /** Quartiles and fences, rounded to 4 decimals; null where Cardinal prints NaN (no data). */
  Meta: Record<string, Record<string, number | null>>;
}

/** `flags.entity_type` for each Cardinal group. */
export const ENTITY_TYPE: Readonly<Record<CardinalGroup, FlagRow['entity_type']>> = {
  OCID: 'ocid',
  Buyer: 'buyer',
  ProcuringEntity: 'procuring_entity',
  Tenderer: 'tenderer',
};

/** `flags.dataset_id` of a run over every loaded dataset (no `datasetId`). */
export const ALL_DATASETS = '*';

const GROUPS: readonly CardinalGroup[] = ['OCID', 'Buyer', 'ProcuringEntity', 'Tenderer'];

interface Hit {
  value: number;
  ocids: Set<string>;
  detail: Record<string, unknown>;
}

/**
 * Runs the indicators enabled in `settings` over the releases loaded with `loadCompiledReleases`
 * (one dataset, or all when `datasetId` is omitted). Returns Cardinal's JSON shape and replaces
 * this run's codes in the `flags` table (entity types 'ocid', 'buyer', 'procuring_entity',
 * 'tenderer'; evidence JSON with the processes behind the flag, the indicator's numbers and Meta).
 */
export async function runCardinal(engine: Engine, settings: CardinalSettings, datasetId?: string): Promise<CardinalResult> {
  await createCardinalTables(engine);
  await createModel(engine);
  await engine.exec(QUANTILE8_MACRO);
  const scope: Scope = { settings, datasetId };
  const result: CardinalResult = { OCID: {}, Buyer: {}, ProcuringEntity: {}, Tenderer: {}, Meta: {} };
  const hits = new Map<string, Hit>(); // key: group \0 id \0 code
  const codes = enabledCodes(settings);
  for (const code of codes) {
    const q = CARDINAL_INDICATORS[code].build(scope);
    const rows = await engine.query<Row & { grp: string; id: string; value: number | null; ocid: string | null }>(
      q.text,
      q.params,
    );
    for (const { grp, id, value, ocid, ...detail } of rows) {
      if (grp === 'Meta') {
        (result.Meta[code] ??= {})[id] = value;
        continue;
      }
      const group = grp as CardinalGroup;
      // Cardinal's maps keep one value per id and code; later writes replace earlier ones.
      (result[group][id] ??= {})[code] = value as number;
      const key = `${group}\0${id}\0${code}`;
      const hit = hits.get(key) ?? { value: value as number, ocids: new Set<string>(), detail: {} };
      hit.value = value as number;
      if (ocid !== null && ocid !== undefined) hit.ocids.add(ocid);
      hit.detail = detail;
      hits.set(key, hit);
    }
  }
  await writeFlags(engine, codes, hits, result.Meta, datasetId);
  return result;
}

async function writeFlags(
  engine: Engine,
  codes: readonly CardinalCode[],
  hits: Map<string, Hit>,
  meta: CardinalResult['Meta'],
  datasetId: string | undefined,
): Promise<void> {
  if (codes.length === 0) return;
  const types = GROUPS.map((g) => ENTITY_TYPE[g]);
  await engine.query(
    `DELETE FROM flags WHERE dataset_id = ?::VARCHAR
       AND entity_type IN (${types.map(() => '?').join(', ')}) AND code IN (${codes.map(() => '?').join(', ')})`,
    [datasetId ?? ALL_DATASETS, ...types, ...codes],
  );
  const rows: FlagRow[] = [];
  for (const [key, hit] of hits) {
    const [group, id, code] = key.split('\0') as [CardinalGroup, string, CardinalCode];
    const detail = Object.fromEntries(Object.entries(hit.detail).filter(([, v]) => v !== null && v !== undefined));
    rows.push({
      dataset_id: datasetId ?? ALL_DATASETS,
      entity_type: ENTITY_TYPE[group],
      entity_id: id,
      code,
      value: hit.value,
      evidence: JSON.stringify({ source: 'cardinal', group, ...detail, ocids: [...hit.ocids], meta: meta[code] ?? {} }),
    });
  }
  await engine.insertRecords('flags', rows as unknown as Row[], [
    { name: 'dataset_id', type: 'VARCHAR' },
    { name: 'entity_type', type: 'VARCHAR' },
    { name: 'entity_id', type: 'VARCHAR' },
    { name: 'code', type: 'VARCHAR' },
    { name: 'value', type: 'DOUBLE' },
    { name: 'evidence', type: 'VARCHAR' },
  ]);
}
