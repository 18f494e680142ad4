import { useEffect, useState } from 'react';
import { onServiceWorkerUpdate } from '../../offline/register';
import { useI18n } from '../hooks/useI18n';

/** Says so when a newer build has replaced this one (the offline worker installed it). */
export function UpdateNotice() {
  const { t } = useI18n();
  const [updated, setUpdated] = useState(false);
  useEffect(
    () =>
      onServiceWorkerUpdate(() => {
        setUpdated(true);
      }),
    [],
  );
  if (!updated) return null;
  return (
    <p className="notice" role="status" data-testid="update-notice">
      {t('update.ready')}{' '}
      <button type="button" className="link-button" onClick={() => window.location.reload()}>
        {t('update.reload')}
      </button>
    </p>
  );
}
