import { useEffect, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { firstPaintQueries, savedDatasetsConfirmedNone } from '../session/firstPaint';
import { isEmptyFilter } from '../queries/filter';
import { isSnapshotRows, markSnapshotRows, type SnapshotQuery } from '../queries/overviewSnapshot';
import { sqlKey } from '../queries/keys';
import type { RestoreProblem } from '../session';
import { useSession } from './hooks/useSession';
import { I18nProvider, useI18n } from './hooks/useI18n';
import { LanguagePicker } from './components/LanguagePicker';
import { UpdateNotice } from './components/UpdateNotice';
import { DemoNotice, SessionNotices } from './components/SessionNotices';
import { carryLocale } from '../i18n/locale';
import { useViewState } from './hooks/useViewState';
import { FilterBar } from './components/FilterBar';
import { OverviewScreen } from './overview';
import { DataScreen } from './data';
import { FlagsScreen } from './flags';
import { MethodScreen } from './method';
import { useImportQueue } from './data/useImportQueue';
import { parseView, serializeView, type Screen } from './hooks/urlState';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

/** Shows the app once the session's engine is up (or the saved demo snapshot fits this visit). */
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
 * On a visit the demo snapshot fits, puts its rows in the query cache under the keys the first
 * screen asks for (data version 0), so the screens draw it in the first frame (issue 5).
 * True when it did.
 */
function seedSnapshot(): boolean {
  const view = parseView(window.location.search);
  const entries: SnapshotQuery[] = firstPaintQueries({
    screen: view.screen,
    filterEmpty: isEmptyFilter(view.filter) && !view.flag,
  });
  for (const e of entries) {
    const key = sqlKey(0, { sql: e.sql, params: e.params });
    // Never over live rows: the engine may have answered first on a very fast machine.
    if (queryClient.getQueryData(key) === undefined) queryClient.setQueryData(key, markSnapshotRows(e.rows.slice()));
  }
  if (entries.length > 0) performance.mark('tl:snapshot');
  return entries.length > 0;
}

/** Whether the saved demo snapshot stands in for the engine; its panels ask the live engine once it is up. */
function useSnapshotFirst(live: boolean): boolean {
  const [snapshot, setSnapshot] = useState(() => !live && seedSnapshot());
  useEffect(() => {
    if (!snapshot || live) return;
    let cancelled = false;
    // The localStorage hint said "no saved datasets"; IndexedDB has the last word.
    void savedDatasetsConfirmedNone().then((none) => {
      if (none || cancelled) return;
      queryClient.removeQueries({ predicate: (q) => isSnapshotRows(q.state.data) });
      setSnapshot(false);
    });
    return () => {
      cancelled = true;
    };
  }, [snapshot, live]);
  useEffect(() => {
    // The snapshot's panels ask the live engine now; they keep their rows on screen meanwhile.
    if (live) void queryClient.invalidateQueries({ predicate: (q) => isSnapshotRows(q.state.data) });
  }, [live]);
  return snapshot;
}

/** Renders the start-up stage, its failure, or the app; the session (src/session/) does the work. */
function StartupGate() {
  const { t } = useI18n();
  const { state } = useSession();
  const snapshot = useSnapshotFirst(state.live);
  const started = state.stage === 'ready' || (state.stage !== 'failed' && snapshot);
  if (state.stage === 'failed')
    return (
      <Shell>
        <p className="error" role="alert">
          {t('engine.failed', { message: state.startError ?? '' })}
        </p>
      </Shell>
    );
  if (!started)
    return (
      <Shell>
        <p className="loading" role="status">
          {t(state.stage === 'engine' ? 'engine.starting' : state.stage === 'demo' ? 'engine.loadingDemo' : 'engine.restoring')}
        </p>
      </Shell>
    );
  return <Main problems={state.problems} />;
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
      <UpdateNotice />
      <main>{children}</main>
    </div>
  );
}

const SCREEN_LABELS: Record<Screen, 'nav.overview' | 'nav.flags' | 'nav.data' | 'nav.method'> = {
  overview: 'nav.overview',
  flags: 'nav.flags',
  data: 'nav.data',
  method: 'nav.method',
};

function Main({ problems }: { problems: readonly RestoreProblem[] }) {
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
      <nav className="nav" aria-label={t('nav.label')}>
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
      <SessionNotices />
      {problems.map((p) => (
        <p key={p.name} className="error" role="alert">
          {t('data.restoreFailed', { name: p.name, message: p.message })}
        </p>
      ))}
      {view.screen === 'method' ? (
        <MethodScreen />
      ) : view.screen === 'data' ? (
        <DataScreen imports={imports} />
      ) : (
        <>
          <FilterBar filter={view.filter} onChange={(filter) => setView({ ...view, filter })} />
          {view.screen === 'flags' ? (
            <FlagsScreen filter={view.filter} flag={view.flag} onFlag={(flag) => setView({ ...view, flag })} />
          ) : (
            <>
              <DemoNotice />
              <OverviewScreen
                filter={view.filter}
                onFilter={(filter) => setView({ ...view, filter })}
                onOpenFlag={(flag) => setView({ ...view, screen: 'flags', flag })}
              />
            </>
          )}
        </>
      )}
    </Shell>
  );
}
