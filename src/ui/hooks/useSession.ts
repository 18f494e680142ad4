import { createContext, useContext, useSyncExternalStore } from 'react';
import { appSession, type DataSession, type SessionState } from '../../session';

/** Which session the screens read: the page's own unless a test gives another. */
export const SessionContext = createContext<DataSession | null>(null);

/** The session and its current state; re-renders on every change the session emits. */
export function useSession(): { session: DataSession; state: SessionState } {
  const session = useContext(SessionContext) ?? appSession();
  const state = useSyncExternalStore(session.subscribe, session.getState);
  return { session, state };
}
