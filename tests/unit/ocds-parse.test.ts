import { describe, expect, it } from 'vitest';
import { OcdsError } from '../../src/ingest/ocds/errors';
import { detectOcdsForm, readOcds, readOcdsItems } from '../../src/ingest/ocds/parse';
import type { OcdsItem, ReadOcdsOptions } from '../../src/ingest/ocds/parse';

const enc = new TextEncoder();
const bytes = (s: string) => enc.encode(s);

const r1a = {
  ocid: 'ocds-a',
  id: '1',
  date: '2021-01-01T00:00:00Z',
  tag: ['tender'],
  tender: { id: 't', status: 'active', value: { amount: 10, currency: 'EUR' } },
};
const r2 = {
  ocid: 'ocds-b',
  id: '1',
  date: '2021-01-05T00:00:00Z',
  tag: ['award'],
  awards: [{ id: 'x', value: { amount: 7, currency: 'EUR' } }],
};
const r1b = {
  ocid: 'ocds-a',
  id: '2',
  date: '2021-02-01T00:00:00Z',
  tag: ['award'],
  awards: [{ id: 'a1', value: { amount: 9, currency: 'EUR' } }],
};

async function collect(src: Uint8Array | AsyncIterable<Uint8Array>, opts?: ReadOcdsOptions): Promise<OcdsItem[]> {
  const out: OcdsItem[] = [];
  for await (const it of readOcdsItems(src, opts)) out.push(it);
  return out;
}

/** Splits bytes into small chunks, so tokens and lines straddle chunk boundaries. */
async function* chunked(b: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < b.length; i += size) yield b.slice(i, i + size);
}

async function failure(src: Uint8Array, opts?: ReadOcdsOptions): Promise<OcdsError> {
  try {
    await collect(src, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(OcdsError);
    return e as OcdsError;
  }
  throw new Error('expected the read to fail');
}

function summary(items: OcdsItem[]) {
  return items.map((i) => ({
    ocid: i.release.ocid,
    awards: (i.release.awards ?? []).map((a) => a.id),
    index: i.sourceIndex,
    n: i.releaseCount,
  }));
}

describe('detectOcdsForm', () => {
  it('tells the packaging forms apart from the first bytes', () => {
    expect(detectOcdsForm(bytes(''))).toBe('empty');
    expect(detectOcdsForm(bytes(' \n\t'))).toBe('empty');
    expect(detectOcdsForm(bytes('\uFEFF{"ocid":"x"}'))).toBe('json-object');
    expect(detectOcdsForm(bytes('[{"ocid":"x"}]'))).toBe('json-array');
    expect(detectOcdsForm(bytes('{"ocid":"x"}\n{"ocid":"y"}\n'))).toBe('json-lines');
    expect(detectOcdsForm(bytes('{\n  "releases": [\n  {"ocid": "}"}\n]}\n'))).toBe('json-object');
    // the first value does not end within the sample: a big package
    expect(detectOcdsForm(bytes('{"releases":[{"ocid":"x"},'))).toBe('json-object');
    expect(detectOcdsForm(bytes('ocid,amount\n'))).toBe('not-json');
  });
});

describe('readOcds: packaging forms', () => {
  const expected = [
    { ocid: 'ocds-a', awards: ['a1'], index: 1, n: 2 },
    { ocid: 'ocds-b', awards: ['x'], index: 2, n: 1 },
  ];

  it('release package: releases of one ocid are compiled, even when not adjacent', async () => {
    const pkg = JSON.stringify({ uri: 'u', publisher: { name: 'p' }, releases: [r1a, r2, r1b] }, null, 2);
    const items = await collect(bytes(pkg));
    expect(summary(items)).toEqual(expected);
    expect(items[0].release.tender?.status).toBe('active');
    expect(items[0].release.tag).toEqual(['compiled']);
    // the same through 7-byte chunks
    expect(summary(await collect(chunked(bytes(pkg), 7)))).toEqual(expected);
  });

  it('record package: compiledRelease is used when present, else the embedded releases are compiled', async () => {
    const pkg = {
      records: [
        { ocid: 'ocds-a', releases: [r1a, r1b] },
        {
          ocid: 'ocds-b',
          releases: [{ url: 'http://x', date: '2021-01-05', tag: ['award'] }],
          compiledRelease: { ...r2, tag: ['compiled'] },
        },
      ],
    };
    const items = await collect(chunked(bytes(JSON.stringify(pkg)), 5));
    expect(summary(items)).toEqual(expected);
  });

  it('single release', async () => {
    const items = await collect(bytes(JSON.stringify(r1b)));
    expect(summary(items)).toEqual([{ ocid: 'ocds-a', awards: ['a1'], index: 1, n: 1 }]);
  });

  it('single record, with its releases before the compiledRelease and no top-level ocid', async () => {
    const rec = {
      publisher: { name: 'p' },
      releases: [r1a, r1b],
      compiledRelease: { ocid: 'ocds-a', tag: ['compiled'], awards: [{ id: 'from-compiled' }] },
    };
    const items = await collect(chunked(bytes(JSON.stringify(rec)), 11));
    expect(summary(items)).toEqual([{ ocid: 'ocds-a', awards: ['from-compiled'], index: 1, n: 1 }]);
  });

  it('single record without compiledRelease: its releases are compiled', async () => {
    const rec = { ocid: 'ocds-a', releases: [r1b, r1a] };
    const items = await collect(bytes(JSON.stringify(rec)));
    expect(summary(items)).toEqual([{ ocid: 'ocds-a', awards: ['a1'], index: 1, n: 2 }]);
  });

  it('JSON Lines of releases (compiled by ocid), with CRLF and blank lines', async () => {
    const text = [r1a, r2, r1b].map((r) => JSON.stringify(r)).join('\r\n') + '\r\n\r\n';
    expect(summary(await collect(chunked(bytes(text), 13)))).toEqual(expected);
  });

  it('JSON Lines of compiled releases pass through unchanged', async () => {
    const c1 = { ...r1b, tag: ['compiled'], id: 'keep-me' };
    const c2 = { ...r2, tag: ['compiled'] };
    const items = await collect(bytes(`${JSON.stringify(c1)}\n${JSON.stringify(c2)}`));
    expect(items.map((i) => i.release.id)).toEqual(['keep-me', '1']);
  });

  it('JSON Lines of release packages and records', async () => {
    const text = `${JSON.stringify({ releases: [r1a, r2] })}\n${JSON.stringify({ ocid: 'ocds-a', releases: [r1b] })}\n`;
    const items = await collect(bytes(text));
    // the record on line 2 is complete in itself; the package's ocds-a release stays separate
    expect(items.map((i) => i.release.ocid).sort()).toEqual(['ocds-a', 'ocds-a', 'ocds-b']);
  });

  it('JSON array of releases', async () => {
    expect(summary(await collect(chunked(bytes(JSON.stringify([r1a, r2, r1b])), 3)))).toEqual(expected);
  });

  it('readOcds yields the compiled releases alone', async () => {
    const out = [];
    for await (const r of readOcds(bytes(JSON.stringify({ releases: [r2] })))) out.push(r.ocid);
    expect(out).toEqual(['ocds-b']);
  });

  it('an empty package is not an error', async () => {
    expect(await collect(bytes('{"releases": []}'))).toEqual([]);
  });

  it('skips releases without an ocid and says why', async () => {
    const skips: string[] = [];
    const items = await collect(bytes(JSON.stringify({ releases: [{ id: 'no-ocid' }, r2] })), { onSkip: (r) => skips.push(r) });
    expect(items.map((i) => i.release.ocid)).toEqual(['ocds-b']);
    expect(skips).toEqual(['release without an ocid']);
  });

  it('drops documents unless asked to keep them', async () => {
    const withDocs = { ...r2, tender: { documents: [{ id: 'd' }] }, awards: [{ id: 'x', documents: [{ id: 'd' }] }] };
    const [dropped] = await collect(bytes(JSON.stringify(withDocs)));
    expect(dropped.release.tender).toEqual({});
    expect(dropped.release.awards?.[0]).toEqual({ id: 'x' });
    const [kept] = await collect(bytes(JSON.stringify(withDocs)), { keepDocuments: true });
    expect(kept.release.awards?.[0].documents).toEqual([{ id: 'd' }]);
  });

  it('reports progress', async () => {
    const seen: number[] = [];
    await collect(bytes(JSON.stringify({ releases: [r1a, r2, r1b] })), { onProgress: (p) => seen.push(p.items) });
    expect(seen.at(-1)).toBe(3);
  });
});

describe('readOcds: errors', () => {
  it('an empty file', async () => {
    const e = await failure(bytes('  \n'));
    expect(e.code).toBe('empty');
    expect(e.userMessage).toMatch(/empty/);
  });

  it('invalid JSON names the line and suggests checking the file', async () => {
    const e = await failure(bytes('{\n  "releases": [\n    {"ocid": "a"},\n    {"ocid": "b",, }\n  ]\n}'));
    expect(e.code).toBe('invalid_json');
    expect(e.userMessage).toMatch(/line 4/);
    expect(e.userMessage).toMatch(/complete/);
  });

  it('a truncated file says it ends in the middle', async () => {
    const full = JSON.stringify({ releases: [r1a, r2, r1b] });
    const e = await failure(bytes(full.slice(0, full.length - 20)));
    expect(e.code).toBe('invalid_json');
    expect(e.userMessage).toMatch(/ends in the middle/);
  });

  it('invalid JSON Lines name the line', async () => {
    const e = await failure(bytes(`${JSON.stringify(r1a)}\n${JSON.stringify(r2)}\n{"ocid": "c", oops}\n`));
    expect(e.code).toBe('invalid_json');
    expect(e.userMessage).toMatch(/line 3/);
  });

  it('JSON that is not OCDS says what OCDS looks like and that CSV works too', async () => {
    const e = await failure(bytes('{"name": "my spreadsheet", "rows": [1, 2, 3]}'));
    expect(e.code).toBe('not_ocds');
    expect(e.userMessage).toMatch(/"ocid"/);
    expect(e.userMessage).toMatch(/name, rows/);
    expect(e.userMessage).toMatch(/CSV/);
    const e2 = await failure(bytes('[{"a": 1}, {"b": 2}]'));
    expect(e2.code).toBe('not_ocds');
    const e3 = await failure(bytes('a;b\n1;2\n'));
    expect(e3.code).toBe('not_ocds');
    expect(e3.userMessage).toMatch(/not JSON/);
  });

  it('cancelling stops the read', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    const e = await failure(bytes(JSON.stringify({ releases: [r1a] })), { signal: ctrl.signal });
    expect(e.code).toBe('aborted');
  });
});
