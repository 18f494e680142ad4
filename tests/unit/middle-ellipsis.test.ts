import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { middleEllipsis } from '../../src/ui/components/middleEllipsis';

describe('long names shortened in the middle', () => {
  it('keeps the start and the distinguishing end', () => {
    const a = middleEllipsis('ТОО «Казахстанская строительная компания Север-7»', 34);
    const b = middleEllipsis('ТОО «Казахстанская строительная компания Юг-12»', 34);
    expect(a).not.toBe(b);
    expect(a.startsWith('ТОО «Казахстанская')).toBe(true);
    expect(a.endsWith('Север-7»')).toBe(true);
  });
  it('never grows a name, never exceeds the limit, and leaves short names alone', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: 'grapheme-composite' }), fc.integer({ min: 4, max: 60 }), (s, max) => {
        const out = middleEllipsis(s, max);
        if ([...s].length <= max) expect(out).toBe(s);
        else {
          expect([...out].length).toBeLessThanOrEqual(max);
          expect(out).toContain('…');
        }
      }),
    );
  });
});
