import { useEffect, useMemo, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { startApp, type StartupTimings } from '../app/bootstrap';
import { firstPaintQueries, savedDatasetsConfirmedNone } from '../app/firstPaint';
import { PendingEngine } from '../engine/pending';
import type { Engine } from '../engine/types';
import { isEmptyFilter } from '../queries/filter';
import { isSnapshotRows, markSnapshotRows, type SnapshotQuery } from '../queries/overviewSnapshot';
import { sqlKey } from '../queries/keys';
import { EngineContext, type EngineState } from './hooks/EngineContext';
import { I18nProvider, useI18n } from './hooks/useI18n';
import { LanguagePicker } from './components/LanguagePicker';
import { carryLocale } from '../i18n/locale';
import { useViewState } from './hooks/useViewState';
import { FilterBar } from './components/FilterBar';
import { OverviewScreen } from './overview';
import { DataScreen } from './data';
import { FlagsScreen } from './flags';
import { useImportQueue } from './data/useImportQueue';
import { parseView, serializeView, type Screen } from './hooks/urlState';
import type { ImportTimings } from '../app/imports';
import type { RestoreProblem } from '../app/bootstrap';
import { afterDataChange } from '../app/pipeline';
import type { FlagParamOverrides } from '../flags/run';

declare global {
  interface Window {
    /**
     * Start-up figures and test hooks read by the e2e test and the benchmark (scripts/bench):
     * `bumpDataVersion` lets a script that loaded rows into `engine` itself refresh every panel.
     */
    __tenderlens?: {
      timings?: StartupTimings;
      engine?: Engine;
      lastImport?: ImportTimings;
      flagsMs?: number;
      /** Wall time of the last build of the overview's aggregate tables (src/queries/aggregates.ts). */
      aggregateTablesMs?: number;
      bumpDataVersion?: () => void;
      /**
       * For a script that changed `purchases` itself (the benchmark's loader): the panels re-read
       * the base tables at once, then flags and aggregates are rebuilt; resolves when they are.
       */
      dataChanged?: () => Promise<void>;
    };
  }
}

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

/** Starts the engine, then shows the app; the start-up gate keeps every screen below it simple. */
export function App() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <StartupGate />
      </QueryClientProvider>
    </I18nProvider>
  );
}

/**
 * Resolves once no query has been fetching for a moment (the first 50 ms always wait, so that
 * panels re-rendered by a state change have started theirs), or after `maxMs`.
 */
function queriesSettled(maxMs: number, cancelled: () => boolean = () => false): Promise<void> {
  const started = performance.now();
  return new Promise((resolve) => {
    const tick = () => {
      const pending = queryClient.isFetching() > 0 || performance.now() - started < 50;
      if (pending && !cancelled() && performance.now() - started < maxMs) setTimeout(tick, 50);
      else resolve();
    };
    tick();
  });
}

/** Puts the saved snapshot's rows in the query cache under the keys the first screen asks for (data version 0). */
function seedSnapshot(entries: SnapshotQuery[]): void {
  for (const e of entries) {
    const key = sqlKey(0, { sql: e.sql, params: e.params });
    // Never over live rows: the engine may have answered first on a very fast machine.
    if (queryClient.getQueryData(key) === undefined) queryClient.setQueryData(key, markSnapshotRows(e.rows.slice()));
  }
}

function StartupGate() {
  const { t } = useI18n();
  const [stage, setStage] = useState<'engine' | 'demo' | 'restore'>('engine');
  const [engine, setEngine] = useState<Engine | null>(null);
  // On a visit the demo snapshot fits, the screens draw it in the first frame and run on a
  // queueing engine until the real one is up (issue 5).
  const [pending, setPending] = useState<PendingEngine | null>(() => {
    const view = parseView(window.location.search);
    const entries = firstPaintQueries({ screen: view.screen, filterEmpty: isEmptyFilter(view.filter) && !view.flag });
    if (entries.length === 0) return null;
    seedSnapshot(entries);
    performance.mark('tl:snapshot');
    return new PendingEngine(startApp(setStage).then((r) => r.engine));
  });
  const [problems, setProblems] = useState<RestoreProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [dataVersion, setDataVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let live = false;
    // The localStorage hint said "no saved datasets"; IndexedDB has the last word.
    if (pending) {
      void savedDatasetsConfirmedNone().then((none) => {
        if (none || cancelled || live) return;
        queryClient.removeQueries({ predicate: (q) => isSnapshotRows(q.state.data) });
        setPending(null);
      });
    }
    startApp(setStage).then(
      ({ engine, timings, problems, keepRestoredRows }) => {
        if (cancelled) return;
        // Datasets re-imported from their files: keep their rows for the next start, once the first screen is drawn.
        void queriesSettled(60_000).then(keepRestoredRows);
        live = true;
        window.__tenderlens = { timings, engine, bumpDataVersion: () => setDataVersion((v) => v + 1) };
        setProblems(problems);
        setEngine(engine);
        // The snapshot's panels ask the live engine now; they keep their rows on screen meanwhile.
        void queryClient.invalidateQueries({ predicate: (q) => isSnapshotRows(q.state.data) });
      },
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
    // Runs once: `pending` is only read for its first value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const [flagsState, setFlagsState] = useState<EngineState['flagsState']>('computing');
  const [aggregatesReady, setAggregatesReady] = useState(false);
  const [flagsError, setFlagsError] = useState<string | undefined>();
  const recomputeFlags = useMemo(
    () => async (params?: FlagParamOverrides) => {
      if (!engine) return;
      setFlagsState('computing');
      setAggregatesReady(false);
      window.__tenderlens = { ...window.__tenderlens, flagsMs: undefined, aggregateTablesMs: undefined };
      try {
        const r = await afterDataChange(engine, params);
        window.__tenderlens = { ...window.__tenderlens, flagsMs: r.flagsMs, aggregateTablesMs: r.aggregatesMs ?? undefined };
        setFlagsError(undefined);
        setAggregatesReady(r.aggregatesMs !== null);
        setFlagsState('ready');
      } catch (e) {
        console.warn('flags failed', e);
        setFlagsError((e as { userMessage?: string }).userMessage ?? String((e as Error)?.message ?? e));
        setFlagsState('failed');
      }
      setDataVersion((v) => v + 1);
    },
    [engine],
  );
  // First chart first, then the flags: the worker runs one query at a time, so flag queries sent
  // with the overview's would queue in front of it. Wait until the first panels have their data.
  useEffect(() => {
    if (!engine) return;
    let cancelled = false;
    void queriesSettled(10_000, () => cancelled).then(() => {
      if (!cancelled) void recomputeFlags();
    });
    return () => {
      cancelled = true;
    };
  }, [engine, recomputeFlags]);
  // The same order after an upload or a removal: the panels show the new rows while flags compute.
  const refreshAfterLoad = useMemo(
    () => async () => {
      setFlagsState('computing');
      setAggregatesReady(false);
      const t0 = performance.now();
      setDataVersion((v) => v + 1);
      await queriesSettled(60_000);
      const aggregatesMs = performance.now() - t0;
      const t1 = performance.now();
      await recomputeFlags();
      // Flags and the aggregate tables built after them, told apart (both are in flagsReadyMs).
      const flagsMs = window.__tenderlens?.flagsMs ?? NaN;
      const aggregateTablesMs = window.__tenderlens?.aggregateTablesMs ?? 0;
      return { aggregatesMs, flagsMs, aggregateTablesMs, flagsReadyMs: performance.now() - t1 };
    },
    [recomputeFlags],
  );
  useEffect(() => {
    if (!engine || !window.__tenderlens) return;
    // Stale derived tables must not be read: refreshAfterLoad reads the base tables at once
    // ('computing'), then rebuilds flags and the overview's aggregate tables.
    window.__tenderlens.dataChanged = async () => {
      await refreshAfterLoad();
    };
  }, [engine, refreshAfterLoad]);
  const current = engine ?? pending;
  const state = useMemo<EngineState | null>(
    () =>
      current
        ? {
            engine: current,
            live: current === engine,
            dataVersion,
            bumpDataVersion: () => setDataVersion((v) => v + 1),
            flagsState,
            flagsError,
            aggregatesReady,
            recomputeFlags,
            refreshAfterLoad,
          }
        : null,
    [current, engine, dataVersion, flagsState, flagsError, aggregatesReady, recomputeFlags, refreshAfterLoad],
  );

  if (error)
    return (
      <Shell>
        <p className="error" role="alert">
          {t('engine.failed', { message: error })}
        </p>
      </Shell>
    );
  if (!state)
    return (
      <Shell>
        <p className="loading" role="status">
          {t(stage === 'engine' ? 'engine.starting' : stage === 'demo' ? 'engine.loadingDemo' : 'engine.restoring')}
        </p>
      </Shell>
    );
  return (
    <EngineContext.Provider value={state}>
      <Main problems={problems} />
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
        <div className="header-side">
          <LanguagePicker />
          <p className="privacy">{t('app.privacy')}</p>
        </div>
      </header>
      <main>{children}</main>
    </div>
  );
}

const SCREEN_LABELS: Record<Screen, 'nav.overview' | 'nav.flags' | 'nav.data'> = {
  overview: 'nav.overview',
  flags: 'nav.flags',
  data: 'nav.data',
};

function Main({ problems }: { problems: RestoreProblem[] }) {
  const { t } = useI18n();
  const [view, setView] = useViewState();
  const imports = useImportQueue();
  const [dragging, setDragging] = useState(false);

  // Drop files anywhere on the page: they go to the Data screen's queue.
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer?.files.length) return;
      e.preventDefault();
      setDragging(false);
      imports.add(Array.from(e.dataTransfer.files));
      setView({ ...view, screen: 'data' });
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [imports, view, setView]);

  return (
    <Shell>
      <nav className="nav" aria-label="Screens">
        {(Object.keys(SCREEN_LABELS) as Screen[]).map((screen) => (
          <a
            key={screen}
            href={carryLocale(serializeView({ ...view, screen }), window.location.search) || '?'}
            aria-current={view.screen === screen ? 'page' : undefined}
            data-testid={`nav-${screen}`}
            onClick={(e) => {
              e.preventDefault();
              setView({ ...view, screen });
            }}
          >
            {t(SCREEN_LABELS[screen])}
          </a>
        ))}
      </nav>
      {dragging && <div className="drop-overlay">{t('data.upload.drop')}</div>}
      {problems.map((p) => (
        <p key={p.name} className="error" role="alert">
          {t('data.restoreFailed', { name: p.name, message: p.message })}
        </p>
      ))}
      {view.screen === 'data' ? (
        <DataScreen imports={imports} />
      ) : (
        <>
          <FilterBar filter={view.filter} onChange={(filter) => setView({ ...view, filter })} />
          {view.screen === 'flags' ? (
            <FlagsScreen filter={view.filter} flag={view.flag} onFlag={(flag) => setView({ ...view, flag })} />
          ) : (
            <OverviewScreen
              filter={view.filter}
              onFilter={(filter) => setView({ ...view, filter })}
              onOpenFlag={(flag) => setView({ ...view, screen: 'flags', flag })}
            />
          )}
        </>
      )}
    </Shell>
  );
}
