import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export interface Bar {
  label: string;
  value: number;
  /** What the bar says (formatted); defaults to the number. */
  text?: string;
}

const BAR_H = 22;
const GAP = 6;
const LABEL_W = 140;
const WIDTH = 480;

/**
 * A horizontal bar chart in plain SVG: named for screen readers (the figures in its label), with
 * the same figures as a table underneath (folded), for reading and for copying. Used by the
 * complaint report and the centre report.
 */
export function BarChart({ title, bars, valueHeader }: { title: string; bars: Bar[]; valueHeader: string }) {
  const { t } = useTranslation();
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(1, bars.length) * (BAR_H + GAP);
  const summary = bars.map((b) => `${b.label} ${b.text ?? b.value}`).join('，');
  return (
    <figure className="bar-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="empty-note">{t('reports.chart.noData')}</p>
      ) : (
        <>
          <svg role="img" aria-label={t('reports.chart.label', { title, items: summary })} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
            {bars.map((b, i) => {
              const y = i * (BAR_H + GAP);
              const w = ((WIDTH - LABEL_W - 60) * b.value) / max;
              return (
                <g key={`${b.label}-${i}`} aria-hidden="true">
                  <text x={LABEL_W - 6} y={y + BAR_H * 0.7} textAnchor="end" className="bar-label">
                    {b.label}
                  </text>
                  <rect x={LABEL_W} y={y} width={Math.max(w, b.value > 0 ? 2 : 0)} height={BAR_H} className="bar" rx={2} />
                  <text x={LABEL_W + w + 6} y={y + BAR_H * 0.7} className="bar-value">
                    {b.text ?? b.value}
                  </text>
                </g>
              );
            })}
          </svg>
          <details>
            <summary>{t('reports.chart.showTable')}</summary>
            <table className="data-table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.chart.item')}</th>
                  <th scope="col">{valueHeader}</th>
                </tr>
              </thead>
              <tbody>
                {bars.map((b, i) => (
                  <tr key={`${b.label}-${i}`}>
                    <th scope="row">{b.label}</th>
                    <td>{b.text ?? b.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
