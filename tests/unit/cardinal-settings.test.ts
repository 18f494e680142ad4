import { describe, expect, it } from 'vitest';
import {
  CardinalSettingsError,
  enabledCodes,
  fixtureSettingsIni,
  parseCardinalSettings,
  pipeSet,
  settingsFromFixtureName,
} from '../../src/flags/cardinal/settings';
import { parseRfc3339 } from '../../src/flags/cardinal/rfc3339';

describe('Cardinal settings', () => {
  it('parses top-level keys, exclusions, sections and per-details thresholds', () => {
    const s = parseCardinalSettings(`; comment
currency = USD
price_comparison_procurement_methods = Reverse Auction|Open

[exclusions]
procurement_method_details = Random Selection

[R003]
threshold = 10
procurement_methods = open|selective

[R003.procurement_method_details]
emergency = 5
international = 25

[R028]
[R038]
threshold = 0.5
minimum_submitted_bids = 3
`);
    expect(s).toEqual({
      currency: 'USD',
      price_comparison_procurement_methods: 'Reverse Auction|Open',
      exclusions: { procurement_method_details: 'Random Selection' },
      R003: {
        threshold: 10,
        procurement_methods: 'open|selective',
        procurement_method_details: { emergency: 5, international: 25 },
      },
      R028: {},
      R038: { threshold: 0.5, minimum_submitted_bids: 3 },
    });
    expect(enabledCodes(s)).toEqual(['R003', 'R028', 'R038']);
  });

  it('rejects unknown sections, unknown keys and non-integer counts, as Cardinal does', () => {
    expect(() => parseCardinalSettings('[R999]')).toThrow(CardinalSettingsError);
    expect(() => parseCardinalSettings('[R024]\nthreshhold = 1')).toThrow(/unknown key/);
    expect(() => parseCardinalSettings('[R035]\nthreshold = 1.5')).toThrow(/whole number/);
    expect(() => parseCardinalSettings('[R048]\ndigits = -1')).toThrow(/whole number/);
  });

  it('splits pipe lists like Rust split_terminator', () => {
    expect([...pipeSet('a|b|')]).toEqual(['a', 'b']);
    expect([...pipeSet('')]).toEqual([]);
    expect([...pipeSet(undefined)]).toEqual([]);
    expect([...pipeSet('a||b')]).toEqual(['a', '', 'b']);
    expect([...pipeSet(undefined, 'open|selective')]).toEqual(['open', 'selective']);
  });

  it('derives fixture settings from file names', () => {
    const base = { no_price_comparison_procurement_methods: 'NPC', exclusions: { procurement_method_details: 'EXC' } };
    expect(settingsFromFixtureName('R003.jsonl')).toEqual({ ...base, R003: {} });
    expect(settingsFromFixtureName('R003-threshold-10')).toEqual({ ...base, R003: { threshold: 10 } });
    expect(settingsFromFixtureName('R003-procurement_methods-open+selective')).toEqual({
      ...base,
      R003: { procurement_methods: 'open|selective' },
    });
    expect(settingsFromFixtureName('R003-procurement_method_details-x-5-y-10')).toEqual({
      ...base,
      R003: { procurement_method_details: { x: 5, y: 10 } },
    });
    expect(settingsFromFixtureName('R038-tenderer')).toEqual({ ...base, R038: {} });
    expect(settingsFromFixtureName('R048-minimum_contracting_processes-1')).toEqual({
      ...base,
      R048: { minimum_contracting_processes: 1 },
    });
    expect(fixtureSettingsIni('R018')).toContain('[R018]');
  });
});

describe('parseRfc3339 (chrono parse_from_rfc3339)', () => {
  it('parses offsets and fractions', () => {
    expect(parseRfc3339('2000-01-01T18:00:00Z')).toBe(Date.UTC(2000, 0, 1, 18));
    expect(parseRfc3339('2000-01-01T18:00:00+02:00')).toBe(Date.UTC(2000, 0, 1, 16));
    expect(parseRfc3339('2000-01-01t18:00:00.1234z')).toBe(Date.UTC(2000, 0, 1, 18, 0, 0, 123));
    expect(parseRfc3339('2000-01-01 18:00:00-00:30')).toBe(Date.UTC(2000, 0, 1, 18, 30));
  });
  it('rejects what is not RFC 3339', () => {
    for (const s of [
      'invalid',
      '2000-01-01',
      '2000-01-01T18:00:00',
      '2000-02-30T00:00:00Z',
      '2000-01-01T24:00:00Z',
      '2000-01-01T18:00Z',
    ]) {
      expect(parseRfc3339(s), s).toBeNull();
    }
  });
});
