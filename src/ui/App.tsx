import { useEffect, useMemo, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { startApp, type StartupTimings } from '../app/bootstrap';
import type { Engine } from '../engine/types';
import { EngineContext, type EngineState } from './hooks/EngineContext';
import { LocaleProvider, useI18n } from './hooks/useI18n';
import { useViewState } from './hooks/useViewState';
import { FilterBar } from './components/FilterBar';
import { OverviewScreen } from './overview';

declare global {
  interface Window {
    /** Start-up figures read by the e2e test and the benchmark. */
    __tenderlens?: { timings?: StartupTimings; engine?: Engine };
  }
}

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

/** Starts the engine, then shows the app; the start-up gate keeps every screen below it simple. */
export function App() {
  return (
    <LocaleProvider value="en">
      <QueryClientProvider client={queryClient}>
        <StartupGate />
      </QueryClientProvider>
    </LocaleProvider>
  );
}

function StartupGate() {
  const { t } = useI18n();
  const [stage, setStage] = useState<'engine' | 'demo'>('engine');
  const [engine, setEngine] = useState<Engine | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dataVersion, setDataVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    startApp(setStage).then(
      ({ engine, timings }) => {
        if (cancelled) return;
        window.__tenderlens = { timings, engine };
        setEngine(engine);
      },
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const state = useMemo<EngineState | null>(() => (engine ? { engine, dataVersion, bumpDataVersion: () => setDataVersion((v) => v + 1) } : null), [engine, dataVersion]);

  if (error) return <Shell><p className="error" role="alert">{t('engine.failed', { message: error })}</p></Shell>;
  if (!state) return <Shell><p className="loading" role="status">{t(stage === 'engine' ? 'engine.starting' : 'engine.loadingDemo')}</p></Shell>;
  return (
    <EngineContext.Provider value={state}>
      <Main />
    </EngineContext.Provider>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <p className="privacy">{t('app.privacy')}</p>
      </header>
      <main>{children}</main>
    </div>
  );
}

function Main() {
  const { t } = useI18n();
  const [view, setView] = useViewState();
  return (
    <Shell>
      <p className="notice demo-notice">{t('demo.notice')}</p>
      <FilterBar filter={view.filter} onChange={(filter) => setView({ ...view, filter })} />
      <OverviewScreen filter={view.filter} onFilter={(filter) => setView({ ...view, filter })} />
    </Shell>
  );
}
