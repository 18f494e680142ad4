import { expect, it } from 'vitest';
import { parseView } from '../../src/ui/hooks/urlState';

it('reads years strictly: hex, exponent, padded or signed forms are not years', () => {
  expect(parseView('?year=0x7E3&year=2e3&year=+2019&year=02019&year=2019.0').filter).toEqual({});
  expect(parseView('?year=2019&year=2020').filter).toEqual({ years: [2019, 2020] });
});
