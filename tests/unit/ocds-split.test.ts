import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSplitter, SplitError } from '../../src/ingest/ocds/split';
import type { SplitEvent } from '../../src/ingest/ocds/split';

const enc = new TextEncoder();

function split(text: string, sizes: number[] = [text.length]): SplitEvent[] {
  const bytes = enc.encode(text);
  const s = new JsonSplitter(['releases', 'records']);
  const out: SplitEvent[] = [];
  s.onEvent = (e) => out.push(e);
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]);
    s.write(bytes.slice(at, at + size));
    at += size;
  }
  s.end();
  return out;
}

/** What the splitter should report, from JSON.parse of the whole text. */
function expected(text: string): SplitEvent[] {
  const v = JSON.parse(text);
  if (Array.isArray(v)) return v.map((value) => ({ kind: 'element', container: '$', value }));
  const out: SplitEvent[] = [];
  for (const [key, value] of Object.entries(v as object)) {
    if ((key === 'releases' || key === 'records') && Array.isArray(value)) {
      for (const x of value) out.push({ kind: 'element', container: key, value: x });
      out.push({ kind: 'member', key, value: [] });
    } else out.push({ kind: 'member', key, value });
  }
  return out;
}

describe('JsonSplitter', () => {
  it('splits the members of a root object and streams releases / records', () => {
    const text =
      '{ "uri" : "u\\"}", "n": -1.5e3, "t": true, "z": null, "releases": [ {"ocid":"a","x":[1,{"y":"]"}]}, "s", 3 ], "after": {"k": []} }';
    expect(split(text)).toEqual(expected(text));
  });

  it('gives the same events for any chunking, on any JSON object or array', () => {
    const json = fc.oneof(
      fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('releases', 'records')), fc.jsonValue()),
      fc.record({ releases: fc.array(fc.jsonValue()), records: fc.array(fc.jsonValue()), meta: fc.jsonValue() }),
      fc.array(fc.jsonValue()),
    );
    fc.assert(
      fc.property(
        json,
        fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (v, sizes, pretty) => {
          const text = JSON.stringify(v, null, pretty ? 2 : undefined);
          expect(split(text, sizes)).toEqual(expected(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports syntax errors with their offset', () => {
    const bad = (t: string) => {
      try {
        split(t, [3]);
      } catch (e) {
        expect(e).toBeInstanceOf(SplitError);
        return e as SplitError;
      }
      throw new Error(`no error for ${t}`);
    };
    expect(bad('{"a": 1 "b": 2}').offset).toBe(8);
    expect(bad('{"releases": [{"a": 1} {"b": 2}]}').offset).toBe(23);
    expect(bad('{"releases": [{"a": 1,}]}').message).toMatch(/JSON|Unexpected|Expected/);
    expect(bad('{"a": [1, 2').truncated).toBe(true);
    expect(bad('{"a": 1} {"b": 2}').message).toMatch(/after the end/);
    expect(bad('x').offset).toBe(0);
  });
});
