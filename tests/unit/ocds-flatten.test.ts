import { describe, expect, it } from 'vitest';
import { datePart, flattenRelease, numberOfBidders } from '../../src/ingest/ocds/flatten';
import type { CompiledRelease } from '../../src/ingest/ocds/types';

const ctx = { datasetId: 'd1', sector: 'state' as const, sourceRow: 7 };

const base: CompiledRelease = {
  ocid: 'ocds-x-1',
  date: '2022-05-10T12:00:00+06:00',
  tag: ['compiled'],
  buyer: { id: 'KZ-BIN-010203', name: 'Akimat' },
  parties: [
    { id: 'KZ-BIN-010203', name: 'Akimat', roles: ['buyer'], address: { region: 'Almaty' } },
    { id: 'S1', name: 'Supplier One', identifier: { scheme: 'KZ-BIN', id: '990011' }, roles: ['supplier'] },
    { id: 'S2', name: 'Supplier Two', roles: ['supplier', 'tenderer'] },
  ],
  tender: {
    procurementMethod: 'open',
    procurementMethodDetails: 'Open tender',
    tenderPeriod: { startDate: '2022-03-01T09:00:00Z', endDate: '2022-03-20T18:00:00Z' },
    value: { amount: 1000, currency: 'kzt' },
    items: [
      {
        id: 't1',
        description: 'paper',
        classification: { scheme: 'CPV', id: '30197630-1' },
        quantity: 50,
        unit: { name: 'pack' },
      },
    ],
  },
};

describe('flattenRelease', () => {
  it('makes one row per award with the award value, supplier, dates and ids', () => {
    const r: CompiledRelease = {
      ...base,
      awards: [
        {
          id: 'a1',
          status: 'active',
          date: '2022-04-01T00:00:00Z',
          value: { amount: 600, currency: 'KZT' },
          suppliers: [{ id: 'S1', name: 'Supplier One' }],
        },
        { id: 'a2', status: 'cancelled', value: { amount: 300, currency: 'KZT' }, suppliers: [{ id: 'S2' }] },
      ],
      contracts: [{ id: 'c1', awardID: 'a1', dateSigned: '2022-04-15T10:00:00Z', value: { amount: 650, currency: 'KZT' } }],
    };
    const { purchases } = flattenRelease(r, ctx);
    expect(purchases.map((p) => [p.purchase_id, p.amount, p.supplier_id, p.supplier_name, p.signed_date, p.status])).toEqual([
      // the contract linked to a1 adds no row and no value; its dateSigned is the signing date
      ['ocds-x-1/a1', 600, '990011', 'Supplier One', '2022-04-15', 'active'],
      // no award date, no contract: the release date
      ['ocds-x-1/a2', 300, 'S2', 'Supplier Two', '2022-05-10', 'cancelled'],
    ]);
    expect(purchases[0]).toMatchObject({
      dataset_id: 'd1',
      source_row: 7,
      sector: 'state',
      buyer_id: 'KZ-BIN-010203',
      buyer_name: 'Akimat',
      region: 'Almaty',
      method: 'open',
      method_detail: 'Open tender',
      competitive: true,
      currency: 'KZT',
      tender_start: '2022-03-01',
      tender_end: '2022-03-20',
      item_code: 'CPV:30197630-1',
      item_name: 'paper',
      unit: 'pack',
      quantity: 50,
      unit_price: 12,
    });
  });

  it('takes the value of linked contracts when the award has none', () => {
    const r: CompiledRelease = {
      ...base,
      awards: [{ id: 'a1', suppliers: [{ id: 'S1' }] }],
      contracts: [
        { id: 'c1', awardID: 'a1', value: { amount: 100, currency: 'KZT' } },
        { id: 'c2', awardID: 'a1', value: { amount: 50, currency: 'KZT' } },
      ],
    };
    const { purchases } = flattenRelease(r, ctx);
    expect(purchases.map((p) => [p.purchase_id, p.amount, p.currency])).toEqual([['ocds-x-1/a1', 150, 'KZT']]);
  });

  it('adds a row for each contract no award accounts for', () => {
    const r: CompiledRelease = {
      ...base,
      awards: [{ id: 'a1', value: { amount: 10, currency: 'CAD' } }],
      contracts: [
        { id: 'c1', awardID: 'a1', value: { amount: 10, currency: 'CAD' } },
        { id: 'c2', value: { amount: 20, currency: 'CAD' }, dateSigned: '2020-01-02', status: 'active' },
        { id: 'c3', awardID: 'missing', value: { amount: 30, currency: 'CAD' } },
      ],
    };
    const { purchases } = flattenRelease(r, ctx);
    expect(purchases.map((p) => [p.purchase_id, p.amount, p.signed_date, p.status])).toEqual([
      ['ocds-x-1/a1', 10, '2022-05-10', null],
      ['ocds-x-1/contract/c2', 20, '2020-01-02', 'active'],
      ['ocds-x-1/contract/c3', 30, '2022-05-10', null],
    ]);
    expect(purchases.reduce((s, p) => s + (p.amount ?? 0), 0)).toBe(60);
  });

  it('makes one tender row, without supplier, when there are neither awards nor contracts', () => {
    const { purchases } = flattenRelease({ ...base, tender: { ...base.tender, status: 'active' } }, ctx);
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({
      purchase_id: 'ocds-x-1/tender',
      amount: 1000,
      currency: 'KZT',
      supplier_id: null,
      supplier_name: null,
      status: 'active',
      unit_price: 20,
    });
  });

  it('joins several suppliers and notes it', () => {
    const r: CompiledRelease = { ...base, awards: [{ id: 'a1', suppliers: [{ id: 'S1' }, { id: 'S2', name: 'Two' }] }] };
    const { purchases, notes } = flattenRelease(r, ctx);
    expect(purchases[0].supplier_id).toBe('990011|S2');
    expect(purchases[0].supplier_name).toBe('Supplier One; Two');
    expect(notes).toContain('award with several suppliers: names and ids joined');
  });

  it('finds the buyer in procuringEntity, else in parties with role buyer', () => {
    const { buyer: _b, ...noBuyer } = base;
    const pe = flattenRelease({ ...noBuyer, tender: { ...base.tender, procuringEntity: { name: 'PE', id: 'PE1' } } }, ctx)
      .purchases[0];
    expect([pe.buyer_id, pe.buyer_name]).toEqual(['PE1', 'PE']);
    const party = flattenRelease(noBuyer as CompiledRelease, ctx).purchases[0];
    expect([party.buyer_id, party.buyer_name, party.region]).toEqual(['KZ-BIN-010203', 'Akimat', 'Almaty']);
  });

  it('keeps a method outside the codelist as detail only', () => {
    const r = { ...base, tender: { procurementMethod: 'Licitaţie publică' } };
    expect(flattenRelease(r, ctx).purchases[0]).toMatchObject({
      method: null,
      method_detail: 'Licitaţie publică',
      competitive: null,
    });
    const d = { ...base, tender: { procurementMethod: 'Direct' } };
    expect(flattenRelease(d, ctx).purchases[0]).toMatchObject({ method: 'direct', competitive: false });
  });

  it('uses the item unit value, and derives amount / quantity only for a single item', () => {
    const oneItemWithPrice: CompiledRelease = {
      ...base,
      awards: [{ id: 'a', value: { amount: 100 }, items: [{ id: 'i', quantity: 4, unit: { value: { amount: 30 } } }] }],
    };
    expect(flattenRelease(oneItemWithPrice, ctx).purchases[0].unit_price).toBe(30);
    const twoItems: CompiledRelease = {
      ...base,
      awards: [
        {
          id: 'a',
          value: { amount: 100 },
          items: [
            { id: 'i', quantity: 4 },
            { id: 'j', quantity: 1 },
          ],
        },
      ],
    };
    expect(flattenRelease(twoItems, ctx).purchases[0]).toMatchObject({ quantity: 4, unit_price: null });
  });

  it('merges entries that repeat an award id (one award, counted once), later entry winning', () => {
    const r: CompiledRelease = {
      ...base,
      awards: [
        { id: 7, status: 'junk', value: { amount: 5, currency: 'COP' }, suppliers: [{ id: 'S1' }] },
        { id: '7', status: 'active', value: { amount: 5, currency: 'COP' } },
        { id: 8, value: { amount: 1e17, currency: 'COP' } },
      ],
      contracts: [
        { id: 'c', awardID: '7' },
        { id: 'c', awardID: '7', dateSigned: '2016-01-02' },
      ],
    };
    const { purchases, notes } = flattenRelease(r, ctx);
    expect(purchases.map((p) => [p.purchase_id, p.amount, p.status, p.supplier_id, p.signed_date])).toEqual([
      ['ocds-x-1/7', 5, 'active', '990011', '2016-01-02'],
      ['ocds-x-1/8', null, null, null, '2022-05-10'],
    ]);
    expect(notes).toContain('repeated award id: entries merged');
    expect(notes).toContain('amount too large to be real: left empty');
  });

  it('flattens bids.details with sorted, joined tenderer ids', () => {
    const r: CompiledRelease = {
      ...base,
      bids: {
        details: [
          {
            id: 'b1',
            status: 'valid',
            date: '2022-03-10T10:00:00Z',
            value: { amount: 5, currency: 'uah' },
            tenderers: [{ id: 'S2' }, { id: 'S1' }],
          },
          { id: 'b2', tenderers: [] },
        ],
      },
    };
    expect(flattenRelease(r, ctx).bids).toEqual([
      {
        dataset_id: 'd1',
        ocid: 'ocds-x-1',
        bid_id: 'b1',
        tenderer_ids: '990011|S2',
        amount: 5,
        currency: 'UAH',
        status: 'valid',
        date: '2022-03-10T10:00:00Z',
      },
      {
        dataset_id: 'd1',
        ocid: 'ocds-x-1',
        bid_id: 'b2',
        tenderer_ids: null,
        amount: null,
        currency: null,
        status: null,
        date: null,
      },
    ]);
  });
});

describe('numberOfBidders', () => {
  it('prefers numberOfTenderers, then distinct bid tenderers, then tender.tenderers', () => {
    const bids = { details: [{ tenderers: [{ id: 'A' }] }, { tenderers: [{ id: 'A' }, { id: 'B' }] }] };
    expect(numberOfBidders({ ocid: 'x', tender: { numberOfTenderers: 3 }, bids })).toBe(3);
    expect(numberOfBidders({ ocid: 'x', tender: { tenderers: [{}, {}, {}, {}] }, bids })).toBe(2);
    expect(numberOfBidders({ ocid: 'x', tender: { tenderers: [{ id: 'A' }] } })).toBe(1);
    expect(numberOfBidders({ ocid: 'x' })).toBeNull();
  });
});

describe('datePart', () => {
  it('takes the date of an RFC 3339 date-time and rejects junk', () => {
    expect(datePart('2016-06-07T20:36:23.384435+03:00')).toBe('2016-06-07');
    expect(datePart('2015-06-03')).toBe('2015-06-03');
    expect(datePart('03/06/2015')).toBeNull();
    expect(datePart('2015-13-01')).toBeNull();
    expect(datePart(null)).toBeNull();
  });
});
