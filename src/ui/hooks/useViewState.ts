import { useCallback, useEffect, useState } from 'react';
import { parseView, serializeView, type ViewState } from './urlState';
import { carryLocale } from '../../i18n/locale';

/** The view (screen + filter) mirrored in the URL: a copied link reopens the same view. */
export function useViewState(): [ViewState, (next: ViewState) => void] {
  const [view, setView] = useState<ViewState>(() => parseView(window.location.search));
  useEffect(() => {
    const onPop = () => setView(parseView(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback((next: ViewState) => {
    // The language lives in the same URL but not in the view: carry it over.
    const url = `${window.location.pathname}${carryLocale(serializeView(next), window.location.search)}${window.location.hash}`;
    window.history.pushState(null, '', url);
    setView(next);
  }, []);
  return [view, update];
}
