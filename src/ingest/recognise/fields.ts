/**
 * What a header must say to be a candidate for each canonical field: patterns of concepts (all
 * present), concepts that rule a pattern out, and a weight. The best pattern gives the header
 * score; the values then confirm or overrule it (score.ts).
 */
import type { MappableField } from '../mapping';
import type { Concept } from './concepts';

/** One way a header can name a field. */
export interface HeaderPattern {
  all: readonly Concept[];
  /** The pattern does not apply when any of these is present. */
  none?: readonly Concept[];
  weight: number;
}

/** Header patterns of one field, plus concepts that add or take a little (to rank close rivals). */
export interface FieldRule {
  patterns: readonly HeaderPattern[];
  /** Concepts that rule out every pattern of the field. */
  never: readonly Concept[];
  bonus?: Partial<Record<Concept, number>>;
}

const PEOPLE: Concept[] = ['CONTACT', 'ADDRESS', 'BANK'];
const NOT_AN_ENTITY: Concept[] = [
  ...PEOPLE,
  'REGION',
  'COUNTRY',
  'TYPE',
  'CATEGORY',
  'COUNT',
  'AMOUNT',
  'PRICE',
  'DATE',
  'STATUS',
  'INVITED',
  'ORGANISER',
  'REASON',
];
const NOT_A_DATE: Concept[] = [
  'REGISTRATION',
  'UPDATE',
  'AMOUNT',
  'PRICE',
  'COUNT',
  'DURATION',
  'YEAR',
  'CONTACT',
  'APPROVAL',
  'AMENDMENT',
];

/** The rules, by field. */
export const FIELD_RULES: Readonly<Record<MappableField, FieldRule>> = {
  purchase_id: {
    patterns: [
      { all: ['OCID'], weight: 1.0 },
      { all: ['CONTRACT', 'NUMBER'], weight: 1.0 },
      { all: ['CONTRACT', 'ID'], weight: 0.95 },
      { all: ['CONTRACT', 'REGISTRY'], weight: 0.95 },
      { all: ['CONTRACT', 'CODE'], weight: 0.85 },
      { all: ['PROCUREMENT', 'CODE'], weight: 0.7, none: ['LOT', 'UNIT'] },
      { all: ['LOT', 'NUMBER'], weight: 0.9 },
      { all: ['LOT', 'ID'], weight: 0.85 },
      { all: ['PROCUREMENT', 'NUMBER'], weight: 0.8, none: ['LOT'] },
      { all: ['PROCUREMENT', 'ID'], weight: 0.75, none: ['LOT'] },
      { all: ['AWARD', 'ID'], weight: 0.7 },
      { all: ['PUBLISH', 'NUMBER'], weight: 0.7 },
      { all: ['ID'], weight: 0.6 },
      { all: ['NUMBER'], weight: 0.55 },
    ],
    never: [
      'BUYER',
      'SUPPLIER',
      'TAXID',
      'METHOD',
      'CLASSCODE',
      'CLASSIFICATION',
      'ITEM',
      'COUNT',
      'DATE',
      'AMOUNT',
      'PRICE',
      'STATUS',
      'BIDS',
      'CONTACT',
      'BANK',
      'CURRENCY',
      'UNIT',
      'TYPE',
      'CATEGORY',
      'FILE',
      'PLAN',
      'ORGANISER',
      'SECOND',
      'REGION',
      'DESCRIPTION',
      'NAME',
    ],
    bonus: { REGISTRY: 0.05, CONTRACT: 0.02, REFERENCE: -0.06 },
  },
  buyer_id: {
    patterns: [
      { all: ['BUYER', 'TAXID'], weight: 1.0 },
      { all: ['BUYER', 'ID'], weight: 0.9 },
      { all: ['BUYER', 'CODE'], weight: 0.8 },
      { all: ['BUYER', 'NUMBER'], weight: 0.6 },
    ],
    never: [...PEOPLE, 'NAME', 'SUPPLIER', 'TYPE', 'REGION', 'COUNTRY'],
  },
  supplier_id: {
    patterns: [
      { all: ['SUPPLIER', 'TAXID'], weight: 1.0 },
      { all: ['SUPPLIER', 'ID'], weight: 0.9 },
      { all: ['SUPPLIER', 'CODE'], weight: 0.8 },
      { all: ['SUPPLIER', 'NUMBER'], weight: 0.6 },
      { all: ['TAXID'], weight: 0.7, none: ['BUYER', 'ORGANISER'] },
    ],
    never: [...PEOPLE, 'NAME', 'BUYER', 'SECOND', 'TYPE', 'COUNT', 'COUNTRY', 'INVITED'],
  },
  buyer_name: {
    patterns: [
      { all: ['BUYER', 'NAME'], weight: 1.0 },
      { all: ['BUYER'], weight: 0.85 },
    ],
    never: [...NOT_AN_ENTITY, 'ID', 'TAXID', 'CODE', 'NUMBER', 'SUPPLIER'],
  },
  supplier_name: {
    patterns: [
      { all: ['SUPPLIER', 'NAME'], weight: 1.0 },
      { all: ['SUPPLIER'], weight: 0.85 },
    ],
    never: [...NOT_AN_ENTITY, 'ID', 'TAXID', 'CODE', 'NUMBER', 'BUYER', 'SECOND', 'PERCENT'],
  },
  method: {
    patterns: [
      { all: ['METHOD', 'PROCUREMENT'], weight: 1.0 },
      { all: ['METHOD'], weight: 0.95 },
      { all: ['RFX'], weight: 0.9 },
      { all: ['TYPE', 'PROCUREMENT'], weight: 0.7, none: ['ITEM', 'CONTRACT', 'PUBLISH', 'SUBMISSION', 'BUYER'] },
    ],
    never: ['REASON', 'DATE', 'AMOUNT', 'NAME', 'COUNT', 'DESCRIPTION'],
    bonus: { DETAIL: -0.05, ID: -0.02 },
  },
  amount: {
    patterns: [
      { all: ['AMOUNT', 'CONTRACT'], weight: 1.0 },
      { all: ['PRICE', 'CONTRACT'], weight: 1.0, none: ['PLAN'] },
      { all: ['AMOUNT', 'AWARD'], weight: 0.95 },
      { all: ['PRICE', 'AWARD'], weight: 0.9 },
      { all: ['AMOUNT', 'SUPPLIER'], weight: 0.95 },
      { all: ['AMOUNT'], weight: 0.85 },
      { all: ['PRICE', 'END'], weight: 0.85 },
      { all: ['PRICE', 'TOTAL'], weight: 0.85 },
      { all: ['PRICE'], weight: 0.55 },
      { all: ['AWARD'], weight: 0.55, none: ['DATE', 'ID', 'NUMBER', 'STATUS', 'TYPE'] },
    ],
    never: [
      'UNIT',
      'ITEM',
      'CURRENCY',
      'PERCENT',
      'COUNT',
      'DATE',
      'RATE',
      'NAME',
      'ADDRESS',
      'SECOND',
      'DURATION',
      'TYPE',
      'CODE',
      'REASON',
    ],
    bonus: { VAT: 0.04, TOTAL: 0.02, PLAN: -0.12, FACT: -0.08, SUBMISSION: -0.05, AMENDMENT: -0.1 },
  },
  currency: {
    patterns: [{ all: ['CURRENCY'], weight: 1.0 }],
    never: ['RATE', 'DATE'],
  },
  signed_date: {
    patterns: [
      { all: ['DATE', 'SIGN'], weight: 1.0, none: ['END', 'START'] },
      { all: ['SIGN'], weight: 0.85, none: ['NAME', 'END', 'START'] },
      { all: ['DATE', 'SIGN', 'START'], weight: 0.85, none: ['END'] },
      { all: ['DATE', 'CONTRACT'], weight: 0.9, none: ['START', 'END', 'EXEC', 'PLAN'] },
      { all: ['DATE', 'AWARD'], weight: 0.85, none: ['PUBLISH'] },
      {
        all: ['DATE'],
        weight: 0.5,
        none: ['START', 'END', 'PUBLISH', 'SUBMISSION', 'EXEC', 'PLAN', 'DEADLINE', 'PERIOD', 'OPENING', 'BIDS', 'CREATED'],
      },
    ],
    never: [...NOT_A_DATE, 'SUPPLIER'],
  },
  tender_start: {
    patterns: [
      { all: ['START', 'SUBMISSION'], weight: 1.0 },
      { all: ['START', 'BIDS'], weight: 1.0 },
      { all: ['START', 'PERIOD'], weight: 0.9 },
      { all: ['START', 'PROCUREMENT'], weight: 0.85 },
      { all: ['PUBLISH', 'DATE'], weight: 0.8, none: ['AWARD', 'CONTRACT', 'PLAN'] },
      { all: ['START', 'DATE'], weight: 0.45 },
    ],
    never: [...NOT_A_DATE, 'CONTRACT', 'EXEC', 'END', 'DEADLINE', 'SIGN', 'NUMBER', 'ID'],
  },
  tender_end: {
    patterns: [
      { all: ['END', 'SUBMISSION'], weight: 1.0 },
      { all: ['END', 'BIDS'], weight: 1.0 },
      { all: ['DEADLINE', 'SUBMISSION'], weight: 1.0 },
      { all: ['DEADLINE', 'BIDS'], weight: 1.0 },
      { all: ['DEADLINE'], weight: 0.85, none: ['EXEC', 'CONTRACT', 'DELIVERY'] },
      { all: ['END', 'PERIOD'], weight: 0.9 },
      { all: ['END', 'PROCUREMENT'], weight: 0.85 },
      { all: ['END', 'DATE'], weight: 0.45 },
      { all: ['DATE', 'RECEIPT', 'BIDS'], weight: 0.8 },
    ],
    never: [...NOT_A_DATE, 'CONTRACT', 'EXEC', 'START', 'SIGN', 'NUMBER', 'ID'],
  },
  n_bidders: {
    patterns: [
      { all: ['COUNT', 'BIDS'], weight: 1.0 },
      { all: ['NUMBER', 'BIDS'], weight: 0.9 },
      { all: ['COUNT', 'SUPPLIER'], weight: 0.85, none: ['INVITED'] },
      { all: ['COUNT', 'RECEIPT'], weight: 0.85 },
      { all: ['BIDS'], weight: 0.55, none: ['NAME', 'ID', 'TAXID', 'SUPPLIER'] },
    ],
    never: ['AMOUNT', 'PRICE', 'DATE', 'NAME', 'TAXID', 'INVITED', 'END', 'START', 'DEADLINE', 'CONTACT', 'PERCENT'],
    bonus: { VALID: -0.05 },
  },
  item_code: {
    patterns: [
      { all: ['ITEM', 'CODE'], weight: 1.0 },
      { all: ['CLASSCODE'], weight: 0.95 },
      { all: ['CLASSIFICATION', 'ID'], weight: 0.9 },
      { all: ['CLASSIFICATION', 'CODE'], weight: 0.9 },
      { all: ['CLASSIFICATION'], weight: 0.7 },
      { all: ['CODE', 'CATEGORY'], weight: 0.85 },
      { all: ['CODE'], weight: 0.4 },
    ],
    never: [
      'BUYER',
      'SUPPLIER',
      'CURRENCY',
      'REGION',
      'NAME',
      'DESCRIPTION',
      'UNIT',
      'MEASURE',
      'COUNTRY',
      'STATUS',
      'METHOD',
      'TYPE',
    ],
  },
  item_name: {
    patterns: [
      { all: ['ITEM', 'NAME'], weight: 1.0 },
      { all: ['NAME', 'LOT'], weight: 0.9 },
      { all: ['NAME', 'PROCUREMENT'], weight: 0.85 },
      { all: ['OBJECT'], weight: 0.85 },
      { all: ['ITEM', 'DESCRIPTION'], weight: 0.85 },
      { all: ['DESCRIPTION'], weight: 0.6 },
      { all: ['TITLE'], weight: 0.75 },
      { all: ['NAME'], weight: 0.55 },
    ],
    never: [
      'BUYER',
      'SUPPLIER',
      'BIDS',
      'UNIT',
      'MEASURE',
      'CODE',
      'CLASSCODE',
      'FILE',
      'EXTRA',
      'BANK',
      'ADDRESS',
      'CONTACT',
      'REASON',
      'DATE',
      'AMOUNT',
      'PRICE',
      'STATUS',
      'METHOD',
      'ORGANISER',
      'REGION',
      'CATEGORY',
      'SECOND',
      'DELIVERY',
    ],
    bonus: { LANG_OTHER: -0.05, ITEM: 0.03 },
  },
  unit: {
    patterns: [
      { all: ['UNIT', 'MEASURE'], weight: 1.0 },
      { all: ['MEASURE'], weight: 0.85 },
      { all: ['UNIT'], weight: 0.75 },
    ],
    never: ['PRICE', 'AMOUNT', 'PROCUREMENT', 'BUYER', 'NAME', 'DURATION', 'COUNT', 'CODE'],
  },
  quantity: {
    patterns: [{ all: ['COUNT'], weight: 0.85 }],
    never: [
      'BIDS',
      'SUPPLIER',
      'LOT',
      'INVITED',
      'BANK',
      'PROCUREMENT',
      'CONTRACT',
      'AMOUNT',
      'PRICE',
      'DATE',
      'BUYER',
      'RECEIPT',
    ],
  },
  unit_price: {
    patterns: [
      { all: ['PRICE', 'UNIT'], weight: 1.0 },
      { all: ['AMOUNT', 'UNIT'], weight: 0.9 },
      { all: ['PRICE', 'ITEM'], weight: 0.8 },
      // A bare `price` beside an amount is the price of one unit (the amount column takes `amount`).
      { all: ['PRICE'], weight: 0.5, none: ['CONTRACT', 'TOTAL', 'END', 'AWARD', 'BIDS', 'SUPPLIER'] },
    ],
    never: ['CURRENCY', 'COUNT', 'DATE', 'PLAN', 'PERCENT'],
    bonus: { VAT: 0.02 },
  },
  region: {
    patterns: [
      { all: ['REGION'], weight: 0.9 },
      { all: ['DELIVERY', 'PLACE'], weight: 0.8 },
      { all: ['PLACE'], weight: 0.5 },
    ],
    never: ['SUPPLIER', 'ADDRESS', 'CONTACT', 'CODE', 'ID', 'COUNTRY', 'NAME', 'SECOND', 'EXTRA'],
  },
  status: {
    patterns: [{ all: ['STATUS'], weight: 1.0 }],
    never: ['DATE', 'REASON', 'BUYER', 'SUPPLIER'],
    bonus: { CONTRACT: 0.03, LOT: 0.02, PROCUREMENT: 0.01 },
  },
  supplier_registered: {
    patterns: [
      { all: ['SUPPLIER', 'REGISTRATION', 'DATE'], weight: 1.0 },
      { all: ['SUPPLIER', 'REGISTRATION'], weight: 0.8 },
    ],
    never: ['NUMBER', 'ID', 'TAXID', 'ADDRESS'],
  },
  sector: {
    patterns: [{ all: ['SECTOR'], weight: 1.0 }],
    never: [],
  },
};
