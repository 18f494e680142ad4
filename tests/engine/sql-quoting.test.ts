import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NodeWasmEngine } from '../../src/engine/node';
import { ident, literal } from '../../src/engine/sql';

let engine: NodeWasmEngine;
beforeAll(async () => {
  engine = await NodeWasmEngine.create();
});
afterAll(async () => engine.close());

// Text DuckDB can hold: no NUL (C strings end there), anything else including quotes and newlines.
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => !s.includes('\u0000'));

describe('quoted text read back by DuckDB', () => {
  it('a literal is the same text inside DuckDB, for any text', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        const rows = await engine.query<{ v: string }>(`SELECT ${literal(s)} AS v`);
        expect(rows).toEqual([{ v: s }]);
      }),
      { numRuns: 60 },
    );
  });

  it('an identifier names exactly that column, for any name', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (name) => {
        const rows = await engine.query<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE SELECT 1 AS ${ident(name)})`);
        expect(rows).toEqual([{ column_name: name }]);
      }),
      { numRuns: 60 },
    );
  });
});
