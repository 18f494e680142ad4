/**
 * The data's owner in the browser (issue 10): one {@link DataSession} per page, created on first
 * use. React reads it through `useSession()` (src/ui/hooks/useSession.ts); scripts through
 * `window.__tenderlens` (src/session/benchmark.ts).
 */
import { DataSession } from './DataSession';

export { DataSession, SLOW_STEP_MS, type SessionState, type StepStatus } from './DataSession';
export type { ImportLogEntry, ImportStatus, ImportQueueState } from './importQueue';
export type { RestoreProblem, StartupTimings } from './startup';

let session: DataSession | undefined;

/** The page's session (started on the first call). */
export function appSession(): DataSession {
  session ??= new DataSession();
  return session;
}
