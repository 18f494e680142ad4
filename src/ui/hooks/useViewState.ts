import { useCallback, useEffect, useState } from 'react';
import { parseView, serializeView, type ViewState } from './urlState';

/** The view (screen + filter) mirrored in the URL: a copied link reopens the same view. */
export function useViewState(): [ViewState, (next: ViewState) => void] {
  const [view, setView] = useState<ViewState>(() => parseView(window.location.search));
  useEffect(() => {
    const onPop = () => setView(parseView(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback((next: ViewState) => {
    const url = `${window.location.pathname}${serializeView(next)}${window.location.hash}`;
    window.history.pushState(null, '', url);
    setView(next);
  }, []);
  return [view, update];
}
