import { describe, expect, it } from 'vitest';
import { withWriteLock } from '../../src/session/writeLock';

describe('the write lock', () => {
  it('runs writers one after another, even when one fails', async () => {
    const events: string[] = [];
    const slow = (name: string, ms: number, fail = false) =>
      withWriteLock(async () => {
        events.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        events.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([slow('a', 30, true), slow('b', 5), slow('c', 1)]);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });
});
