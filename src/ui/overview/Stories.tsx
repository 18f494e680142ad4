import { useMemo } from 'react';
import type { Filter } from '../../queries/filter';
import type { OverviewData } from '../../queries/overviewShape';
import { buildStories } from '../../i18n/stories';
import { useI18n } from '../hooks/useI18n';

/** Findings in plain words, each with a link that sets the filter and brings its chart into view. */
export function Stories({ data, onFilter }: { data: OverviewData; onFilter(f: Filter): void }) {
  const { t, locale } = useI18n();
  const stories = useMemo(() => buildStories(data, locale), [data, locale]);
  if (stories.length === 0) return null;
  return (
    <section className="stories" aria-labelledby="stories-title" data-testid="stories">
      <h2 id="stories-title">{t('story.title')}</h2>
      <ul>
        {stories.map((s) => (
          <li key={s.id} data-testid={`story-${s.id}`}>
            <span>{s.text}</span>{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                onFilter(s.filter);
                // After the filter's re-render, the chart that shows the finding.
                requestAnimationFrame(() => document.getElementById(`${s.chart}-title`)?.scrollIntoView({ block: 'start' }));
              }}
            >
              {t('story.show')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
