import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displaySafe, hasHiddenControls, terminalSafe } from '../../src/export/safeText';

// eslint-disable-next-line no-control-regex -- the test looks for control characters
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminalSafe', () => {
  it('shows ESC sequences instead of obeying them', () => {
    expect(terminalSafe('\u001b]0;pwned\u0007\u001b[2Jamount')).toBe('\\x1b]0;pwned\\x07\\x1b[2Jamount');
    expect(terminalSafe('a\tb\rc\nd\u009b')).toBe('a\\tb\\rc\nd\\x9b');
    expect(terminalSafe('Акимат ‮gpj')).toBe('Акимат \\u202egpj');
  });

  it('leaves no control character but line feeds, whatever the input', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (s) => !CONTROL.test(terminalSafe(s))),
      { numRuns: 200 },
    );
  });
});

describe('displaySafe', () => {
  it('drops bidi overrides so a name reads in stored order', () => {
    expect(displaySafe('Acme\u202egpj.exe')).toBe('Acmegpj.exe');
    expect(displaySafe('line\none\u0000')).toBe('line one');
    expect(hasHiddenControls('Acme\u202e')).toBe(true);
    expect(hasHiddenControls('Акимат')).toBe(false);
  });

  it('is idempotent and keeps ordinary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (s) => {
        const once = displaySafe(s);
        expect(displaySafe(once)).toBe(once);
        expect(hasHiddenControls(once)).toBe(false);
      }),
      { numRuns: 300 },
    );
    expect(displaySafe('ТОО «Ромашка», Алматы')).toBe('ТОО «Ромашка», Алматы');
  });
});
