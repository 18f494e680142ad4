import { useMemo, useState } from 'react';
import { flagRatesQuery, type FlagRateRow } from '../../flags/rates';
import { flagByCode } from '../../flags/registry';
import { DEFAULT_SEVERITIES } from '../../flags/strength';
import { formatNumber, formatPercent } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { useEngine } from '../hooks/EngineContext';
import { useI18n } from '../hooks/useI18n';
import { useSql } from '../hooks/useSql';

/**
 * The flag-rate table (the same as `tenderlens flags --summary`): per dataset, flag and severity,
 * the entities flagged and their share of purchases, buyers and value. High and medium by default;
 * a checkbox adds the low rows.
 */
export function FlagRates() {
  const { t, locale } = useI18n();
  const { flagsState } = useEngine();
  const [withLow, setWithLow] = useState(false);
  const rates = useSql<FlagRateRow & Record<string, unknown>>(
    useMemo(() => flagRatesQuery(), []),
    { enabled: flagsState === 'ready' },
  );
  const rows = (rates.data ?? []).filter((r) => withLow || DEFAULT_SEVERITIES.includes(r.severity));
  return (
    <details className="notice flag-rates" data-testid="flag-rates">
      <summary>{t('flags.rates.title')}</summary>
      <p>{t('flags.rates.summary')}</p>
      <label>
        <input type="checkbox" checked={withLow} onChange={(e) => setWithLow(e.target.checked)} data-testid="flag-rates-low" />{' '}
        {t('flags.rates.showLow')}
      </label>
      <table className="data">
        <thead>
          <tr>
            <th>{t('flags.rates.dataset')}</th>
            <th>{t('flags.rates.flag')}</th>
            <th>{t('flags.rates.severity')}</th>
            <th className="num">{t('flags.rates.entities')}</th>
            <th className="num">{t('flags.rates.purchases')}</th>
            <th className="num">{t('flags.rates.buyers')}</th>
            <th className="num">{t('flags.rates.value')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.dataset_id}/${r.code}/${r.severity}`} data-testid="flag-rate-row">
              <td>{r.dataset_id}</td>
              <td title={flagByCode(r.code)?.name}>{r.code}</td>
              <td>{t(`flags.severity.${r.severity}` as MessageKey)}</td>
              <td className="num">{formatNumber(r.entities, locale)}</td>
              <td className="num">{formatPercent(r.purchase_share, locale, 2)}</td>
              <td className="num">{formatPercent(r.buyer_share, locale, 2)}</td>
              <td className="num">{formatPercent(r.value_share, locale, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
