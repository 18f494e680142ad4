import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAPPABLE_FIELDS, type MappableField } from '../../src/ingest/mapping';
import { proposeMapping } from '../../src/ingest/recognise/propose';

/**
 * The header corpus (tests/fixtures/headers, see its README): real header sets with the mapping a
 * person would choose and sample rows written by us. Reports the share of fields mapped right on
 * the tuned part and on the held-out part, and holds a floor on both.
 */
interface HeaderSet {
  source: string;
  headers: string[];
  /** Field → the column a person would choose, or several acceptable ones (null: leaving it unmapped is fine too). */
  expected: Partial<Record<MappableField, string | (string | null)[]>>;
  rows: string[][];
}

const ROOT = path.join(__dirname, '../fixtures/headers');

function load(part: 'tuned' | 'heldout'): [string, HeaderSet][] {
  const dir = path.join(ROOT, part);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as HeaderSet]);
}

/**
 * Fields counted for one set: every field a person maps, and every field the proposal maps
 * although the person would not (a false proposal costs as much as a miss).
 */
export function scoreSet(set: HeaderSet): { right: number; counted: number; misses: string[] } {
  const { mapping } = proposeMapping(set.headers, set.rows);
  let right = 0;
  let counted = 0;
  const misses: string[] = [];
  for (const field of MAPPABLE_FIELDS) {
    const want = set.expected[field];
    const got = mapping[field];
    const ok = want === undefined ? got === null : Array.isArray(want) ? want.includes(got) : want === got;
    if (want === undefined && got === null) continue;
    if (Array.isArray(want) && want.includes(null) && got === null) continue;
    counted++;
    if (ok) right++;
    else misses.push(`${field}: want ${JSON.stringify(want ?? null)}, got ${JSON.stringify(got)}`);
  }
  return { right, counted, misses };
}

function partScore(part: 'tuned' | 'heldout', showMisses: boolean): number {
  let right = 0;
  let counted = 0;
  const lines: string[] = [];
  for (const [name, set] of load(part)) {
    const s = scoreSet(set);
    right += s.right;
    counted += s.counted;
    if (showMisses && s.misses.length) lines.push(`  ${name}: ${s.misses.join('; ')}`);
  }
  const share = counted ? right / counted : 0;
  console.log(
    `header corpus, ${part}: ${load(part).length} sets, ${right}/${counted} fields right = ${(share * 100).toFixed(1)} %`,
  );
  if (lines.length) console.log(lines.join('\n'));
  return share;
}

describe('header corpus', () => {
  it('has at least 30 real header sets, about a third held out', () => {
    const tuned = load('tuned').length;
    const heldout = load('heldout').length;
    expect(tuned + heldout).toBeGreaterThanOrEqual(30);
    expect(heldout / (tuned + heldout)).toBeGreaterThan(0.3);
  });

  it('maps the tuned part right', () => {
    expect(partScore('tuned', true)).toBeGreaterThanOrEqual(0.95);
  });

  it('maps the held-out part right (rules were not written against it)', () => {
    expect(partScore('heldout', true)).toBeGreaterThanOrEqual(0.9);
  });
});
