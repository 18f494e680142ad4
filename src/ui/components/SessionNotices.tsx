import { useI18n } from '../hooks/useI18n';
import { useSession } from '../hooks/useSession';

/**
 * What the session has to say on every screen: a flag or aggregate step that failed or runs too
 * long (with the reason and a retry), an engine restarted after its worker died, and the offer to
 * remove the fictional demo once the person loaded their own data.
 */
export function SessionNotices() {
  const { t } = useI18n();
  const { session, state } = useSession();
  const { flags, aggregates, restarted, demoOffer } = state;
  const retry = (
    <button type="button" data-testid="derived-retry" onClick={() => void session.retryDerived()}>
      {t('session.retry')}
    </button>
  );
  return (
    <>
      {flags.state === 'failed' && (
        <p className="error" role="alert" data-testid="flags-failed">
          {t('flags.failed', { reason: flags.reason })} {retry}
        </p>
      )}
      {flags.state === 'running' && flags.slow && (
        <p className="notice" role="status" data-testid="flags-slow">
          {t('session.flagsSlow', { seconds: Math.round((performance.now() - flags.startedAt) / 1000) })} {retry}
        </p>
      )}
      {aggregates.state === 'failed' && (
        <p className="notice" role="status" data-testid="aggregates-failed">
          {t('session.aggregatesFailed', { reason: aggregates.reason })} {retry}
        </p>
      )}
      {restarted && (
        <p className="notice" role="status" data-testid="engine-restarted">
          {t('session.restarted', { count: restarted.restored })}{' '}
          <button type="button" onClick={() => session.dismissRestarted()}>
            {t('session.dismiss')}
          </button>
        </p>
      )}
      {demoOffer && (
        <p className="notice" role="status" data-testid="demo-offer">
          {t('demo.offer')}{' '}
          <button type="button" data-testid="demo-offer-remove" onClick={() => void session.hideDemo()}>
            {t('demo.offer.remove')}
          </button>{' '}
          <button type="button" data-testid="demo-offer-keep" onClick={() => session.keepDemo()}>
            {t('demo.offer.keep')}
          </button>
        </p>
      )}
    </>
  );
}

/** The "fictional demo data" notice, shown on the overview while the demo datasets are loaded. */
export function DemoNotice() {
  const { t } = useI18n();
  const { state } = useSession();
  if (!state.demoLoaded) return null;
  return (
    <p className="notice demo-notice" role="note" data-testid="demo-notice">
      {t('demo.notice')}
    </p>
  );
}
