import { NodeWasmEngine } from '../../src/engine/node';
import { runFlags } from '../../src/flags/run';
import { createModel } from '../../src/model/schema';
import { flaggedPurchaseCountQuery } from '../../src/queries/flags';
import { loadDemo } from './demo';

/**
 * How many demo purchases the app should show as flagged (high and medium, the default), in all and
 * for some flag codes: the demo loaded into the Node build of the same engine, the same flags with
 * default parameters, the same count query the Flags screen runs. Computed, so a regenerated demo or
 * a retuned flag does not need a number edited by hand.
 */
export async function demoFlaggedCounts(codes: readonly string[] = []): Promise<{ all: number; byCode: Record<string, number> }> {
  const engine = await NodeWasmEngine.create();
  try {
    await createModel(engine);
    await loadDemo(engine);
    await runFlags(engine);
    const count = async (code?: string) => {
      const q = flaggedPurchaseCountQuery({}, code);
      return (await engine.query<{ n: number }>(q.sql, q.params))[0].n;
    };
    const byCode: Record<string, number> = {};
    for (const c of codes) byCode[c] = await count(c);
    return { all: await count(), byCode };
  } finally {
    await engine.close();
  }
}
