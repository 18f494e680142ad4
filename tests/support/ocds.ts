/** Small, valid OCDS release packages for tests of the data's life (removal, restore, multi-file drops). */

/** A release package with `n` processes, each with a tender, two bids, an award and parties. */
export function ocdsPackage(prefix: string, n: number): Uint8Array {
  const releases = Array.from({ length: n }, (_, i) => ({
    ocid: `ocds-${prefix}-${i}`,
    id: `${prefix}-${i}-1`,
    date: '2024-03-01T00:00:00Z',
    tag: ['award'],
    buyer: { id: `KZ-BIN-${prefix}B`, name: `Buyer ${prefix}` },
    parties: [
      { id: `KZ-BIN-${prefix}B`, name: `Buyer ${prefix}`, roles: ['buyer', 'procuringEntity'] },
      { id: `KZ-BIN-${prefix}S${i}`, name: `Supplier ${i}`, roles: ['supplier', 'tenderer'] },
    ],
    tender: {
      id: `t-${i}`,
      status: 'complete',
      procurementMethod: 'open',
      numberOfTenderers: 2,
      tenderPeriod: { startDate: '2024-02-01T00:00:00Z', endDate: '2024-02-10T00:00:00Z' },
      value: { amount: 1000 + i, currency: 'KZT' },
    },
    bids: {
      details: [
        { id: 'b1', status: 'valid', value: { amount: 990 + i, currency: 'KZT' }, tenderers: [{ id: `KZ-BIN-${prefix}S${i}` }] },
        { id: 'b2', status: 'valid', value: { amount: 1200 + i, currency: 'KZT' }, tenderers: [{ id: `KZ-BIN-${prefix}X` }] },
      ],
    },
    awards: [
      {
        id: `a-${i}`,
        status: 'active',
        date: '2024-02-15T00:00:00Z',
        value: { amount: 990 + i, currency: 'KZT' },
        suppliers: [{ id: `KZ-BIN-${prefix}S${i}`, name: `Supplier ${i}` }],
        items: [{ id: '1' }],
      },
    ],
  }));
  return new TextEncoder().encode(JSON.stringify({ uri: `https://example.test/${prefix}`, version: '1.1', releases }));
}
