import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { datasetsQuery } from '../../queries/overview';
import { formatDate } from '../../i18n';
import { useEngine } from '../hooks/EngineContext';
import { useI18n } from '../hooks/useI18n';
import { downloadText, recordsCsv } from './csv';
import { frameChartSvg, svgToPng } from './chartImage';

/** A column of the chart's data table (and of its CSV): the label a reader sees and how a value reads. */
export interface ChartColumn {
  key: string;
  label: string;
  format?: (value: unknown) => string;
}

/** A row action offered in the data table: the keyboard's way to do what a click on the chart does. */
export interface ChartRowAction {
  label: (row: Record<string, unknown>) => string;
  run: (row: Record<string, unknown>) => void;
}

/**
 * A titled panel: a text summary (read by screen readers and shown as a caption), the chart
 * (hidden from assistive technology and out of the Tab order: its data table says the same),
 * a legend in words, and downloads of the data (CSV) and the picture (PNG, SVG) with title,
 * units and source line inside the image.
 */
export function ChartCard(props: {
  id: string;
  title: string;
  summary: string;
  /** What the values count, e.g. "₸ (tenge)": shown in the image and the table caption. */
  units?: string;
  data?: readonly Record<string, unknown>[];
  columns?: readonly ChartColumn[];
  action?: ChartRowAction;
  legend?: readonly { label: string; color: string }[];
  children: ReactNode;
  wide?: boolean;
}) {
  const { t, locale } = useI18n();
  const { engine } = useEngine();
  const body = useRef<HTMLDivElement>(null);
  const hasData = Boolean(props.data && props.data.length > 0);
  useUnfocusable(body);

  const image = async (): Promise<string | null> => {
    const surface = body.current?.querySelector<SVGSVGElement>('svg.recharts-surface');
    if (!surface) return null;
    const datasets = await engine.query<{ name: string }>(datasetsQuery().sql, datasetsQuery().params).catch(() => []);
    const source = t('chart.source', {
      datasets: datasets.map((d) => d.name).join('; ') || '—',
      date: formatDate(new Date().toISOString(), locale),
    });
    const box = surface.getBoundingClientRect();
    return frameChartSvg({
      svg: new XMLSerializer().serializeToString(surface),
      width: box.width,
      height: box.height,
      title: props.title,
      units: props.units,
      source,
      legend: props.legend,
    });
  };
  const csvRows = () => {
    if (!props.columns) return props.data!;
    return props.data!.map((r) => Object.fromEntries(props.columns!.map((c) => [c.label, r[c.key]])));
  };

  return (
    <section
      className={`card${props.wide ? ' card-wide' : ''}`}
      aria-labelledby={`${props.id}-title`}
      data-testid={`chart-${props.id}`}
    >
      <header className="card-header">
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        {hasData && (
          <div className="card-actions" role="group" aria-label={t('chart.downloads', { title: props.title })}>
            <button
              type="button"
              className="link-button"
              data-testid={`csv-${props.id}`}
              onClick={() => downloadText(`tenderlens-${props.id}.csv`, recordsCsv(csvRows()))}
            >
              CSV
            </button>
            <button
              type="button"
              className="link-button"
              data-testid={`svg-${props.id}`}
              onClick={() =>
                void image().then((svg) => svg && downloadText(`tenderlens-${props.id}.svg`, svg, 'image/svg+xml;charset=utf-8'))
              }
            >
              SVG
            </button>
            <button
              type="button"
              className="link-button"
              data-testid={`png-${props.id}`}
              onClick={() =>
                void image().then(async (svg) => {
                  if (!svg) return;
                  const url = URL.createObjectURL(await svgToPng(svg));
                  const a = document.createElement('a');
                  a.href = url;
                  a.download = `tenderlens-${props.id}.png`;
                  a.click();
                  setTimeout(() => URL.revokeObjectURL(url), 1000);
                })
              }
            >
              PNG
            </button>
          </div>
        )}
      </header>
      <p className="card-summary" data-testid={`summary-${props.id}`}>
        {props.summary}
      </p>
      {/* The chart's SVG is not read out and takes no focus; the summary and the table carry its content. */}
      <div className="card-body" aria-hidden="true" ref={body}>
        {props.children}
      </div>
      {props.legend && props.legend.length > 0 && (
        <ul className="chart-legend" aria-label={t('chart.legend')}>
          {props.legend.map((l) => (
            <li key={l.label}>
              <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
              {l.label}
            </li>
          ))}
        </ul>
      )}
      {hasData && props.columns && (
        <details className="chart-table">
          <summary>{t('chart.table')}</summary>
          <table>
            {props.units && <caption>{props.units}</caption>}
            <thead>
              <tr>
                {props.columns.map((c) => (
                  <th key={c.key} scope="col">
                    {c.label}
                  </th>
                ))}
                {props.action && (
                  <th scope="col">
                    <span className="visually-hidden">{t('chart.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {props.data!.map((row, i) => (
                <tr key={i}>
                  {props.columns!.map((c) => (
                    <td key={c.key}>{c.format ? c.format(row[c.key]) : String(row[c.key] ?? '—')}</td>
                  ))}
                  {props.action && (
                    <td>
                      <button type="button" className="link-button" onClick={() => props.action!.run(row)}>
                        {props.action.label(row)}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}

/**
 * Keeps everything inside `ref` out of the Tab order. Recharts gives its surface and parts
 * tabindex="0" (six or seven stops per chart that lead nowhere); charts here are read through
 * their summary and table, and clicked through the table's buttons from the keyboard.
 */
function useUnfocusable(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const strip = () =>
      root.querySelectorAll('[tabindex]:not([tabindex="-1"])').forEach((el) => el.setAttribute('tabindex', '-1'));
    strip();
    const observer = new MutationObserver(strip);
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['tabindex'] });
    return () => observer.disconnect();
  }, [ref]);
}
