/**
 * A proposal's reason as a sentence a person can read ("header 'Дата подписания' ≈ signed_date
 * (дата, подписания); 100 % of values are dates"), in any of the app's languages.
 */
import { translate, type Locale } from '../../i18n';
import type { MappableField } from '../mapping';
import type { FieldReason } from './propose';

/** The reason for `field` in `locale`. */
export function describeReason(field: MappableField, r: FieldReason, locale: Locale = 'en'): string {
  const parts: string[] = [];
  if (!r.header) parts.push(translate(locale, 'mapping.reason.valuesOnly', { column: r.column }));
  else if (r.header.canonical) parts.push(translate(locale, 'mapping.reason.canonical', { column: r.column }));
  else parts.push(translate(locale, 'mapping.reason.header', { column: r.column, field, words: r.header.words.join(', ') }));
  if (r.values) {
    const pct = `${Math.round(r.values.share * 100)} %`;
    parts.push(translate(locale, 'mapping.reason.values', { pct, kind: translate(locale, `mapping.kind.${r.values.kind}`) }));
  }
  return parts.join('; ');
}
