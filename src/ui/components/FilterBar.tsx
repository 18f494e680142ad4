import type { Filter } from '../../queries/filter';
import { filterOptionsQuery } from '../../queries/overview';
import { displaySafe } from '../../export/safeText';
import { toggleFilterValue } from '../hooks/urlState';
import { useI18n } from '../hooks/useI18n';
import { usePlannedSql, useSql } from '../hooks/useSql';

/** Year / sector / method toggles and chips for the buyer and supplier picked from charts. */
export function FilterBar({ filter, onChange }: { filter: Filter; onChange(f: Filter): void }) {
  const { t } = useI18n();
  const options = useSql<{ kind: string; value: string; n: number }>(filterOptionsQuery());
  const ids = { buyers: filter.buyers ?? [], suppliers: filter.suppliers ?? [] };
  const names = usePlannedSql<{ kind: string; id: string; name: string }, 'entityNames'>('entityNames', ids, {
    enabled: Boolean(filter.buyers?.length || filter.suppliers?.length),
  });
  const values = (kind: string) => (options.data ?? []).filter((o) => o.kind === kind).map((o) => o.value);
  // Names come from files: shown without bidi or control characters.
  const nameOf = (kind: string, id: string) => displaySafe(names.data?.find((n) => n.kind === kind && n.id === id)?.name ?? id);

  const group = <K extends 'years' | 'sectors' | 'methods'>(
    key: K,
    label: string,
    items: string[],
    render: (v: string) => string,
  ) => {
    // A value from a link that the data does not have keeps its chip, marked unknown, so an empty screen says why.
    const known = new Set(items);
    const unknown = options.data ? ((filter[key] ?? []) as (string | number)[]).map(String).filter((v) => !known.has(v)) : [];
    return (
      <fieldset className="filter-group" data-testid={`filter-${key}`}>
        <legend>{label}</legend>
        {unknown.map((v) => (
          <button
            key={`unknown-${v}`}
            type="button"
            className="chip chip-active chip-unknown"
            data-testid="filter-unknown"
            aria-pressed
            onClick={() => onChange(toggleFilterValue(filter, key, (key === 'years' ? Number(v) : v) as never))}
          >
            {t('filter.unknown', { value: displaySafe(v) })} ✕
          </button>
        ))}
        {items.map((v) => {
          const typed = (key === 'years' ? Number(v) : v) as never;
          const active = ((filter[key] ?? []) as (string | number)[]).includes(typed);
          return (
            <button
              key={v}
              type="button"
              className={`chip${active ? ' chip-active' : ''}`}
              aria-pressed={active}
              onClick={() => onChange(toggleFilterValue(filter, key, typed))}
            >
              {render(v)}
            </button>
          );
        })}
      </fieldset>
    );
  };

  const picked = [
    ...(filter.buyers ?? []).map((id) => ({ key: 'buyers' as const, id, label: `${t('filter.buyer')}: ${nameOf('buyer', id)}` })),
    ...(filter.suppliers ?? []).map((id) => ({
      key: 'suppliers' as const,
      id,
      label: `${t('filter.supplier')}: ${nameOf('supplier', id)}`,
    })),
  ];
  const any = Object.values(filter).some((v) => v && v.length);

  return (
    <div className="filter-bar" role="group" aria-label={t('filter.title')}>
      {group('years', t('filter.year'), values('year'), (v) => v)}
      {group('sectors', t('filter.sector'), values('sector'), (v) => t(`sector.${v}` as 'sector.state'))}
      {group('methods', t('filter.method'), values('method'), (v) => t(`method.${v}` as 'method.open'))}
      {picked.length > 0 && (
        <div className="filter-group">
          {picked.map((p) => (
            <button
              key={`${p.key}-${p.id}`}
              type="button"
              className="chip chip-active"
              aria-label={t('filter.remove', { name: p.label })}
              onClick={() => onChange(toggleFilterValue(filter, p.key, p.id))}
            >
              {p.label} ✕
            </button>
          ))}
        </div>
      )}
      {any && (
        <button type="button" className="link-button" data-testid="filter-clear" onClick={() => onChange({})}>
          {t('filter.clear')}
        </button>
      )}
    </div>
  );
}
