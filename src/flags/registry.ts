import type { FlagDefinition } from './types';
import { R003 } from './tier1/R003-short-submission-period';
import { R011 } from './tier1/R011-split-purchase';
import { R013 } from './tier1/R013-non-competitive-share';
import { R016 } from './tier1/R016-unit-price-high';
import { R017 } from './tier1/R017-unit-price-low';
import { R018 } from './tier1/R018-single-bid';
import { R029 } from './tier1/R029-benford';
import { R040 } from './tier1/R040-buyer-concentration';
import { TL_DUPLICATE } from './tier1/TL-DUPLICATE';
import { TL_NEW_SUPPLIER } from './tier1/TL-NEW-SUPPLIER';
import { TL_YEAR_END } from './tier1/TL-YEAR-END';

/** Every tier-1 flag, in the order the UI lists them. */
export const TIER1_FLAGS: readonly FlagDefinition[] = [
  R018,
  R003,
  R011,
  R016,
  R017,
  R013,
  R040,
  TL_YEAR_END,
  TL_NEW_SUPPLIER,
  TL_DUPLICATE,
  R029,
];

/** Tier-1 flag codes. */
export type FlagCode =
  'R018' | 'R003' | 'R011' | 'R016' | 'R017' | 'R013' | 'R040' | 'TL-YEAR-END' | 'TL-NEW-SUPPLIER' | 'TL-DUPLICATE' | 'R029';

/** The definition of a flag code, or undefined. */
export function flagByCode(code: string): FlagDefinition | undefined {
  return TIER1_FLAGS.find((f) => f.code === code);
}
