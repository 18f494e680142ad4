import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { translate, type Locale, type MessageKey } from '../../i18n';
import { chooseLocale, LANG_STORAGE_KEY, withLocale } from '../../i18n/locale';

interface LocaleState {
  locale: Locale;
  setLocale(next: Locale): void;
}

const LocaleContext = createContext<LocaleState>({ locale: 'en', setLocale: () => {} });

function storedLocale(): string | null {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null; // storage blocked: the URL and the browser's languages still decide
  }
}

/**
 * Owns the chosen language: read from `?lang=`, the last choice (localStorage) or the browser;
 * a change is remembered, written into the URL and set on `<html lang>` (screen readers and
 * hyphenation follow it).
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() =>
    chooseLocale({ search: window.location.search, stored: storedLocale(), languages: navigator.languages }),
  );
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // not remembered, but the URL below still carries it
    }
    const url = `${window.location.pathname}${withLocale(window.location.search, next)}${window.location.hash}`;
    window.history.replaceState(window.history.state, '', url);
    setLocaleState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

/** `t(key, vars)` and the current locale, for components. */
export function useI18n() {
  const { locale } = useContext(LocaleContext);
  return useMemo(
    () => ({ locale, t: (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars) }),
    [locale],
  );
}

/** The current locale and its setter, for the language picker. */
export function useLocaleChoice(): LocaleState {
  return useContext(LocaleContext);
}
