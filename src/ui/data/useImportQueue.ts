import { useMemo } from 'react';
import type { TableDraft } from '../../session/imports';
import { useSession } from '../hooks/useSession';

export type { ImportLogEntry, ImportStatus } from '../../session';

/**
 * The session's upload queue (src/session/importQueue.ts) as the Data screen uses it: its
 * current status and log, and the actions. The queue itself lives in the session, so it
 * always works on the session's current engine.
 */
export function useImportQueue() {
  const { session, state } = useSession();
  const { status, log } = state.imports;
  return useMemo(
    () => ({
      status,
      log,
      /** Adds files to the queue and starts on the first. */
      add: (files: File[]) => session.imports.add(files),
      confirm: (draft: TableDraft) => session.imports.confirm(draft),
      cancel: () => session.imports.cancel(),
    }),
    [session, status, log],
  );
}

export type ImportQueue = ReturnType<typeof useImportQueue>;
