let updated = false;
const listeners = new Set<() => void>();

/**
 * Registers the service worker (built apps only; call once, at start). Offline use after the
 * first visit rests on it. When a newer build takes over this page, {@link onServiceWorkerUpdate}
 * listeners hear it, so the reader can reload into it.
 */
export function registerServiceWorker(): void {
  // import.meta.hot exists under the dev server only, which has no sw.js. (Not env.PROD: the e2e
  // tests build under NODE_ENV=test, where PROD is false but the build is the shipped one.)
  if (import.meta.hot || !('serviceWorker' in navigator)) return;
  // A page that had no worker yet gets its first one: that is not an update.
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!hadController) return;
    updated = true;
    for (const l of listeners) l();
  });
  navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((e: unknown) => {
    // Offline use is lost, nothing else: the app runs as before.
    console.warn('service worker not registered', e);
  });
}

/** Calls `listener` once a newer build has replaced this one (at once if it already has); returns an unsubscribe. */
export function onServiceWorkerUpdate(listener: () => void): () => void {
  if (updated) listener();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
