import { createContext, useContext, useMemo } from 'react';
import { translate, type Locale, type MessageKey } from '../../i18n';

const LocaleContext = createContext<Locale>('en');
export const LocaleProvider = LocaleContext.Provider;

/** `t(key, vars)` and the current locale, for components. */
export function useI18n() {
  const locale = useContext(LocaleContext);
  return useMemo(
    () => ({ locale, t: (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars) }),
    [locale],
  );
}
