import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ident, inList, join, literal, raw, sql } from '../../src/engine/sql';

/** Splits a quoted SQL token back into its text, failing on any quote that is not doubled. */
function unquote(token: string, quote: string): string {
  expect(token.startsWith(quote) && token.endsWith(quote)).toBe(true);
  const inner = token.slice(1, -1);
  // Inside the quotes a quote character only ever appears doubled: a lone one would end the token.
  expect(inner.replaceAll(quote + quote, '')).not.toContain(quote);
  return inner.replaceAll(quote + quote, quote);
}

describe('the quoting helpers', () => {
  it('ident gives one double-quoted token that reads back as the name, for any name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (name) => {
        expect(unquote(ident(name), '"')).toBe(name);
      }),
    );
  });

  it('literal gives one single-quoted token that reads back as the text, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(unquote(literal(text), "'")).toBe(text);
      }),
    );
  });

  it('quotes the characters that would end a token', () => {
    expect(ident('a"b')).toBe('"a""b"');
    expect(literal("O'Brien")).toBe("'O''Brien'");
    expect(literal("x'); DROP TABLE purchases; --")).toBe("'x''); DROP TABLE purchases; --'");
  });
});

describe('the sql tagged template', () => {
  it('never pastes a value: every interpolated value is a bound ?, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), { maxLength: 6 }), (values) => {
        const strings = Object.assign(
          values.map(() => ' x '),
          { raw: [] },
        );
        strings.push(' end');
        const f = sql(strings as unknown as TemplateStringsArray, ...values);
        expect(f.params).toEqual(values);
        expect(f.text.split('?').length - 1).toBe(values.length);
        for (const v of values)
          if (typeof v === 'string' && v.length > 0 && !' xend?'.includes(v)) expect(f.text).not.toContain(v);
      }),
    );
  });

  it('inlines fragments with their parameters in place', () => {
    const inner = sql`b = ${2}`;
    const f = sql`SELECT ${raw('a')} WHERE a = ${1} AND ${inner} AND c = ${'x'}`;
    expect(f.text).toBe('SELECT a WHERE a = ? AND b = ? AND c = ?');
    expect(f.params).toEqual([1, 2, 'x']);
  });

  it('joins fragments and builds IN lists; an empty list matches nothing', () => {
    expect(join([sql`a = ${1}`, sql`b = ${2}`], ' OR ')).toMatchObject({ text: 'a = ? OR b = ?', params: [1, 2] });
    expect(inList(raw('code'), ['A', 'B'])).toMatchObject({ text: 'code IN (?::VARCHAR, ?::VARCHAR)', params: ['A', 'B'] });
    expect(inList(raw('code'), [])).toMatchObject({ text: 'FALSE', params: [] });
  });
});
