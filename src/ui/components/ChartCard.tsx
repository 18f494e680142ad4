import type { ReactNode } from 'react';
import { useI18n } from '../hooks/useI18n';
import { downloadText, recordsCsv } from './csv';

/**
 * A titled panel with a text summary (read by screen readers and shown as a caption)
 * and a button to download the data behind the chart.
 */
export function ChartCard(props: {
  id: string;
  title: string;
  summary: string;
  data?: readonly Record<string, unknown>[];
  children: ReactNode;
  wide?: boolean;
}) {
  const { t } = useI18n();
  return (
    <section
      className={`card${props.wide ? ' card-wide' : ''}`}
      aria-labelledby={`${props.id}-title`}
      data-testid={`chart-${props.id}`}
    >
      <header className="card-header">
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        {props.data && props.data.length > 0 && (
          <button
            type="button"
            className="link-button"
            onClick={() => downloadText(`tenderlens-${props.id}.csv`, recordsCsv(props.data!))}
          >
            {t('chart.download')}
          </button>
        )}
      </header>
      <p className="card-summary" data-testid={`summary-${props.id}`}>
        {props.summary}
      </p>
      <div className="card-body" aria-hidden="true">
        {props.children}
      </div>
    </section>
  );
}
