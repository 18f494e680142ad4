import { loadFlagParams } from '../../session/preferences';
import { TIER1_FLAGS } from '../../flags/registry';
import { resolveParams } from '../../flags/params';
import type { FlagDefinition } from '../../flags/types';
import { FLAG_SOURCES, flagText } from '../../i18n/flagText';
import { formatNumber, type MessageKey } from '../../i18n';
import { useI18n } from '../hooks/useI18n';

/**
 * The methodology page (?view=method): every red flag in plain words, with the rule's current
 * parameters, sources, limits and the fields it needs — all read from the flag registry
 * (src/flags/), so the page cannot drift from what is computed.
 */
export function MethodScreen() {
  const { t } = useI18n();
  const overrides: Record<string, Record<string, number> | undefined> = loadFlagParams();
  return (
    <div className="method-screen" data-testid="method-screen">
      <h2>{t('method.title')}</h2>
      <p className="method-intro">{t('method.intro')}</p>
      <nav aria-label={t('method.contents')}>
        <ul className="method-toc">
          {TIER1_FLAGS.map((f) => (
            <li key={f.code}>
              <a href={`#flag-${f.code}`}>
                {f.code} · <FlagName flag={f} />
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {TIER1_FLAGS.map((f) => (
        <FlagMethod key={f.code} flag={f} overrides={overrides[f.code] ?? {}} />
      ))}
    </div>
  );
}

function FlagName({ flag }: { flag: FlagDefinition }) {
  const { locale } = useI18n();
  return <>{flagText(locale, flag).name}</>;
}

function FlagMethod({ flag, overrides }: { flag: FlagDefinition; overrides: Record<string, number> }) {
  const { t, locale } = useI18n();
  const text = flagText(locale, flag);
  const values = resolveParams(flag, overrides);
  const field = (k: string) => t(`field.${k}` as MessageKey);
  return (
    <section
      className="method-flag"
      id={`flag-${flag.code}`}
      aria-labelledby={`flag-${flag.code}-title`}
      data-testid={`method-${flag.code}`}
    >
      <h3 id={`flag-${flag.code}-title`}>
        <span className="flag-code">{flag.code}</span> {text.name}
      </h3>
      <h4>{t('method.meaning')}</h4>
      <p>{text.explanation}</p>
      <h4>{t('method.rule')}</h4>
      <p>
        {t('method.appliesTo', { scope: text.applies })}{' '}
        {t(flag.level === 'buyer' ? 'method.level.buyer' : 'method.level.purchase')}
      </p>
      {flag.params.length === 0 ? (
        <p>{t('method.noParams')}</p>
      ) : (
        <table className="data method-params">
          <thead>
            <tr>
              <th scope="col">{t('method.param')}</th>
              <th scope="col">{t('method.value')}</th>
              <th scope="col">{t('method.default')}</th>
              <th scope="col">{t('method.paramSource')}</th>
            </tr>
          </thead>
          <tbody>
            {flag.params.map((p) => (
              <tr key={p.name} data-testid={`param-${flag.code}-${p.name}`}>
                <td>{text.params[p.name]}</td>
                <td>
                  {formatNumber(values[p.name], locale, 4)} <span className="muted">{p.unit}</span>
                </td>
                <td>{formatNumber(p.default, locale, 4)}</td>
                <td className="muted">{p.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{t('method.sources')}</h4>
      <ul>
        {(FLAG_SOURCES[flag.code] ?? []).map((s) => (
          <li key={s.url}>
            <a href={s.url} target="_blank" rel="noreferrer noopener">
              {s.label}
            </a>
          </li>
        ))}
      </ul>
      <h4>{t('method.limits')}</h4>
      <p>{text.limits}</p>
      <h4>{t('method.needs')}</h4>
      <p data-testid={`needs-${flag.code}`}>
        {flag.needs.map(field).join(', ')}
        {(flag.needsOneOf ?? []).map((group) => ` ${t('method.needsOneOf', { fields: group.map(field).join(' / ') })}`).join(';')}
      </p>
    </section>
  );
}
