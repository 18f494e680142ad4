import { describe, expect, it } from 'vitest';
import { compileReleases, mergeObjects } from '../../src/ingest/ocds/compile';
import type { Release } from '../../src/ingest/ocds/types';

const tenderRelease: Release = {
  ocid: 'ocds-1',
  id: 'r1',
  date: '2020-01-01T00:00:00Z',
  tag: ['tender'],
  buyer: { id: 'B', name: 'Old name' },
  tender: {
    id: 't',
    status: 'active',
    value: { amount: 100, currency: 'EUR' },
    items: [{ id: 'i1', description: 'chairs', quantity: 10 }],
  },
};
const awardRelease: Release = {
  ocid: 'ocds-1',
  id: 'r2',
  date: '2020-02-01T00:00:00Z',
  tag: ['award'],
  buyer: { id: 'B', name: 'New name' },
  tender: {
    status: 'complete',
    items: [
      { id: 'i1', quantity: 12 },
      { id: 'i2', description: 'desks' },
    ],
  },
  awards: [{ id: 'a1', status: 'pending', value: { amount: 90, currency: 'EUR' }, suppliers: [{ id: 'S1', name: 'One' }] }],
};
const awardUpdate: Release = {
  ocid: 'ocds-1',
  id: 'r3',
  date: '2020-03-01T00:00:00Z',
  tag: ['awardUpdate'],
  awards: [
    { id: 'a1', status: 'active', suppliers: [{ id: 'S2', name: 'Two' }] },
    { id: 'a2', status: 'active', value: { amount: 5, currency: 'EUR' } },
  ],
};

describe('compileReleases (simplified OCDS merge)', () => {
  it('merges objects field by field, later release winning', () => {
    const c = compileReleases([tenderRelease, awardRelease]);
    expect(c.buyer).toEqual({ id: 'B', name: 'New name' });
    expect(c.tender?.status).toBe('complete');
    // untouched fields of the earlier release survive
    expect(c.tender?.value).toEqual({ amount: 100, currency: 'EUR' });
    expect(c.tender?.id).toBe('t');
  });

  it('merges arrays of objects by id: matched entries merged, new ids appended', () => {
    const c = compileReleases([tenderRelease, awardRelease, awardUpdate]);
    expect(c.tender?.items).toEqual([
      { id: 'i1', description: 'chairs', quantity: 12 },
      { id: 'i2', description: 'desks' },
    ]);
    expect(c.awards).toEqual([
      // suppliers are objects with ids: merged by id, so S1 stays beside S2
      {
        id: 'a1',
        status: 'active',
        value: { amount: 90, currency: 'EUR' },
        suppliers: [
          { id: 'S1', name: 'One' },
          { id: 'S2', name: 'Two' },
        ],
      },
      { id: 'a2', status: 'active', value: { amount: 5, currency: 'EUR' } },
    ]);
  });

  it('sorts by date, whatever the input order', () => {
    const c1 = compileReleases([awardUpdate, tenderRelease, awardRelease]);
    const c2 = compileReleases([tenderRelease, awardRelease, awardUpdate]);
    expect(c1).toEqual(c2);
  });

  it('replaces arrays of scalars and arrays of objects without ids', () => {
    const a = {
      ocid: 'x',
      date: '2020-01-01',
      tag: ['planning'],
      tender: { submissionMethod: ['electronic', 'written'], milestones: [{ title: 'a' }, { title: 'b' }] },
    };
    const b = {
      ocid: 'x',
      date: '2020-01-02',
      tag: ['tender'],
      tender: { submissionMethod: ['electronic'], milestones: [{ title: 'c' }] },
    };
    const c = compileReleases([a, b] as Release[]);
    expect(c.tender).toEqual({ submissionMethod: ['electronic'], milestones: [{ title: 'c' }] });
  });

  it('removes a field when a later release sets it to null', () => {
    const m = mergeObjects({ a: 1, b: { c: 2, d: 3 } }, { b: { c: null }, a: null });
    expect(m).toEqual({ b: { d: 3 } });
  });

  it('marks the result as compiled with the latest date and an id built from ocid and date', () => {
    const c = compileReleases([awardRelease, tenderRelease]);
    expect(c.tag).toEqual(['compiled']);
    expect(c.date).toBe('2020-02-01T00:00:00Z');
    expect(c.id).toBe('ocds-1-2020-02-01T00:00:00Z');
    expect(c.ocid).toBe('ocds-1');
  });

  it('puts undated releases first and keeps file order between equal dates', () => {
    const undated = { ocid: 'x', tag: ['tender'], tender: { status: 'planned' } } as Release;
    const dated = { ocid: 'x', date: '2020-01-01', tag: ['tender'], tender: { status: 'active' } } as Release;
    expect(compileReleases([dated, undated]).tender?.status).toBe('active');
    const same1 = { ocid: 'x', date: '2020-01-01', tender: { status: 'one' } } as Release;
    const same2 = { ocid: 'x', date: '2020-01-01', tender: { status: 'two' } } as Release;
    expect(compileReleases([same1, same2]).tender?.status).toBe('two');
  });

  it('does not modify its inputs', () => {
    const before = JSON.stringify([tenderRelease, awardRelease, awardUpdate]);
    compileReleases([tenderRelease, awardRelease, awardUpdate]);
    expect(JSON.stringify([tenderRelease, awardRelease, awardUpdate])).toBe(before);
  });
});
