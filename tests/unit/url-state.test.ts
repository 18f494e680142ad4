import { describe, expect, it } from 'vitest';
import { parseView, serializeView, toggleFilterValue } from '../../src/ui/hooks/urlState';

describe('view state in the URL', () => {
  it('round-trips screen and filters', () => {
    const view = { screen: 'flags' as const, filter: { years: [2019, 2020], sectors: ['state'], buyers: ['000123456789'] } };
    expect(parseView(serializeView(view))).toEqual(view);
  });
  it('keeps the flag the Flags screen is narrowed to, and drops a malformed one', () => {
    expect(parseView('?view=flags&flag=TL-YEAR-END')).toEqual({ screen: 'flags', filter: {}, flag: 'TL-YEAR-END' });
    expect(parseView('?view=flags&flag=%27%3B+DROP')).toEqual({ screen: 'flags', filter: {} });
    expect(serializeView({ screen: 'flags', filter: {}, flag: 'R018' })).toBe('?view=flags&flag=R018');
  });
  it('ignores malformed values instead of trusting them', () => {
    expect(parseView('?view=admin&year=abc&year=2019&sector=')).toEqual({ screen: 'overview', filter: { years: [2019] } });
  });
  it('gives the overview with no filter an empty query string', () => {
    expect(serializeView({ screen: 'overview', filter: {} })).toBe('');
  });
  it('toggles a value in and out of a filter list', () => {
    const f1 = toggleFilterValue({}, 'methods', 'direct');
    expect(f1).toEqual({ methods: ['direct'] });
    expect(toggleFilterValue(f1, 'methods', 'direct')).toEqual({});
  });
});
