import { LOCALES } from '../../i18n/locale';
import { useI18n, useLocaleChoice } from '../hooks/useI18n';

/** Each language names itself, so a reader finds theirs whatever the page is in now. */
const OWN_NAME = { kk: 'Қазақша', ru: 'Русский', en: 'English' } as const;

/** The header's language choice: a row of real buttons (one Tab stop each, state in aria-pressed). */
export function LanguagePicker() {
  const { t } = useI18n();
  const { locale, setLocale } = useLocaleChoice();
  return (
    <div className="lang-picker" role="group" aria-label={t('lang.label')}>
      {LOCALES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === locale} data-testid={`lang-${l}`} onClick={() => setLocale(l)}>
          {OWN_NAME[l]}
        </button>
      ))}
    </div>
  );
}
