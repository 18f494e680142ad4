import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NodeWasmEngine } from '../../src/engine/node';
import { loadCompiledReleases } from '../../src/flags/cardinal/load';
import { runCardinal, type CardinalResult } from '../../src/flags/cardinal/run';
import { settingsFromFixtureName } from '../../src/flags/cardinal/settings';
import { describeWithShared, sharedAvailable, sharedPath } from '../support/shared';

const DIR = sharedPath('conformance', 'cardinal', 'indicators');
const FIXTURES = sharedAvailable()
  ? readdirSync(DIR)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => f.slice(0, -'.jsonl'.length))
      .sort()
  : [];
const GROUPS = ['OCID', 'Buyer', 'ProcuringEntity', 'Tenderer'] as const;

type Groups = Partial<Record<(typeof GROUPS)[number], Record<string, Record<string, number>>>>;

/** Differences between two results as maps (Meta ignored, numbers within 1e-9), as readable lines. */
function differences(actual: Groups, expected: Groups): string[] {
  const out: string[] = [];
  for (const g of GROUPS) {
    const a = actual[g] ?? {};
    const e = expected[g] ?? {};
    for (const id of new Set([...Object.keys(a), ...Object.keys(e)])) {
      for (const code of new Set([...Object.keys(a[id] ?? {}), ...Object.keys(e[id] ?? {})])) {
        const av = a[id]?.[code];
        const ev = e[id]?.[code];
        if (av === undefined || ev === undefined || Math.abs(av - ev) > 1e-9)
          out.push(`${g}/${id}/${code}: got ${av}, expected ${ev}`);
      }
    }
  }
  return out;
}

let engine: NodeWasmEngine;
let passed = 0;
beforeAll(async () => {
  engine = await NodeWasmEngine.create();
});
afterAll(async () => {
  console.log(`[cardinal conformance] ${passed}/${FIXTURES.length} fixtures passed`);
  await engine?.close();
});

describeWithShared('Cardinal conformance fixtures', () => {
  it('finds the fixtures', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(15);
  });

  for (const name of FIXTURES) {
    it(name, async () => {
      const lines = readFileSync(`${DIR}/${name}.jsonl`, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '');
      await loadCompiledReleases(
        engine,
        lines.map((l) => JSON.parse(l) as object),
        name,
      );
      const result: CardinalResult = await runCardinal(engine, settingsFromFixtureName(name), name);
      const expected = JSON.parse(readFileSync(`${DIR}/${name}.expected`, 'utf8')) as Groups;
      expect(differences(result, expected)).toEqual([]);
      passed++;
    });
  }
});
