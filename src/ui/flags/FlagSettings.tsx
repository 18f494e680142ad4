import { useState } from 'react';
import { TIER1_FLAGS } from '../../flags/registry';
import { resolveParams } from '../../flags/params';
import type { FlagParamOverrides } from '../../flags/run';
import { loadFlagParams, saveFlagParams } from '../../session/preferences';
import { useEngine } from '../hooks/EngineContext';
import { useI18n } from '../hooks/useI18n';

/** Edit every flag's parameters (defaults and their sources shown), then recompute on the loaded data. */
export function FlagSettings() {
  const { t } = useI18n();
  const { recomputeFlags, flagsState } = useEngine();
  const [draft, setDraft] = useState<FlagParamOverrides>(loadFlagParams);
  const [error, setError] = useState<string | null>(null);

  const apply = async (params: FlagParamOverrides) => {
    try {
      for (const f of TIER1_FLAGS) resolveParams(f, (params as Record<string, Record<string, number>>)[f.code]);
    } catch (e) {
      setError(t('flags.settings.invalid', { message: (e as Error).message }));
      return;
    }
    setError(null);
    saveFlagParams(params);
    await recomputeFlags(params);
  };

  return (
    <details className="card settings" data-testid="flag-settings">
      <summary>{t('flags.settings.title')}</summary>
      <p className="muted small">{t('flags.settings.help')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {TIER1_FLAGS.filter((f) => f.params.length > 0).map((f) => (
        <fieldset key={f.code} className="settings-flag">
          <legend>
            <span className="flag-chip">{f.code}</span> {f.name}
          </legend>
          {f.params.map((p) => {
            const current = (draft as Record<string, Record<string, number>>)[f.code]?.[p.name] ?? p.default;
            return (
              <label key={p.name} className="settings-param">
                <span>
                  {p.description}{' '}
                  <span className="muted small">
                    ({p.unit}; default {p.default}: {p.source})
                  </span>
                </span>
                <input
                  type="number"
                  step="any"
                  value={current}
                  data-testid={`param-${f.code}-${p.name}`}
                  onChange={(e) => {
                    const v = Number(e.target.value);
                    const forFlag = { ...((draft as Record<string, Record<string, number>>)[f.code] ?? {}) };
                    if (v === p.default) delete forFlag[p.name];
                    else forFlag[p.name] = v;
                    setDraft({ ...draft, [f.code]: forFlag });
                  }}
                />
              </label>
            );
          })}
        </fieldset>
      ))}
      <div className="dialog-actions">
        <button
          type="button"
          className="primary"
          disabled={flagsState === 'computing'}
          data-testid="flags-apply"
          onClick={() => void apply(draft)}
        >
          {t('flags.settings.apply')}
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft({});
            void apply({});
          }}
        >
          {t('flags.settings.reset')}
        </button>
      </div>
    </details>
  );
}
