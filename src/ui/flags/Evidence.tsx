import { flagByCode } from '../../flags/registry';
import { formatNumber } from '../../i18n';
import { useI18n } from '../hooks/useI18n';

/** One flag's evidence: the numbers that raised it, as label/value pairs, with the flag's explanation. */
export function Evidence({ code, evidence }: { code: string; evidence: unknown }) {
  const { locale } = useI18n();
  const def = flagByCode(code);
  const entries = evidence && typeof evidence === 'object' ? Object.entries(evidence as Record<string, unknown>) : [];
  return (
    <div className="evidence" data-testid={`evidence-${code}`}>
      <div className="evidence-head">
        <span className="flag-chip">{code}</span> <strong>{def?.name ?? code}</strong>
      </div>
      {def && <p className="muted small">{def.explanation}</p>}
      <dl>
        {entries.map(([k, v]) => (
          <div key={k} className="evidence-row">
            <dt>{k.replaceAll('_', ' ')}</dt>
            <dd>{render(v, locale)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function render(v: unknown, locale: 'en' | 'ru' | 'kk'): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return formatNumber(v, locale, Math.abs(v) < 10 ? 3 : 2);
  if (Array.isArray(v))
    return v.length > 12
      ? `${v
          .slice(0, 12)
          .map((x) => render(x, locale))
          .join(', ')} … (+${v.length - 12})`
      : v.map((x) => render(x, locale)).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
