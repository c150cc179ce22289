import { html, nothing, svg } from 'lit';
import { lineRuns, niceCeiling, type RunPoint } from './chart-scale.js';
import { orDash } from './format.js';

export interface DaySeries {
  label: string;
  /** One per day of the chart; null where the day has nothing to measure. */
  values: ReadonlyArray<number | null>;
}

export interface DayLinesChart {
  /** Prefixes the caption's id, unique on the page. */
  id: string;
  caption: string;
  days: readonly string[];
  /** One or two; the second is told apart by its dashes as well as its colour. */
  series: DaySeries[];
  format: (n: number) => string;
  /** The top of the scale for the largest figure; default niceCeiling. */
  ceiling?: (max: number) => number;
}

const WIDTH = 600;
const HEIGHT = 180;
const LEFT = 64;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 26;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
/** Up to a month, every day gets a dot; beyond, only days a line cannot show (alone between gaps). */
const DOTS_UP_TO = 31;
/** The second series' dots are rings around the first's, so that equal figures both show. */
const DOT_RADIUS = [3, 5];

function renderSeries(chart: DayLinesChart, series: DaySeries, index: number, top: number) {
  const x = (day: number) =>
    LEFT + (chart.days.length > 1 ? (day * PLOT_WIDTH) / (chart.days.length - 1) : PLOT_WIDTH / 2);
  const y = (value: number) => TOP + PLOT_HEIGHT - (value / top) * PLOT_HEIGHT;
  const runs = lineRuns(series.values);
  const dotted = chart.days.length <= DOTS_UP_TO;
  const dot = (point: RunPoint) =>
    svg`<circle cx=${x(point.index)} cy=${y(point.value)} r=${DOT_RADIUS[index] ?? 3}><title>${chart.days[point.index]}, ${series.label}: ${chart.format(point.value)}</title></circle>`;
  return svg`<g class="series series-${index}">
    ${runs
      .filter((run) => run.length > 1)
      .map(
        (run) =>
          svg`<path class="line" d=${run.map((p, i) => `${i ? 'L' : 'M'}${x(p.index)} ${y(p.value)}`).join(' ')}></path>`,
      )}
    ${runs.flatMap((run) => (dotted || run.length === 1 ? run.map(dot) : []))}
  </g>`;
}

function renderAxes(chart: DayLinesChart, top: number) {
  const ticks = [0, top / 2, top];
  const first = chart.days[0];
  const last = chart.days.at(-1);
  return svg`<g class="grid">
      ${ticks.map((tick) => {
        const y = TOP + PLOT_HEIGHT - (tick / top) * PLOT_HEIGHT;
        return svg`<line x1=${LEFT} x2=${WIDTH - RIGHT} y1=${y} y2=${y}></line>
          <text x=${LEFT - 6} y=${y} text-anchor="end" dominant-baseline="middle">${chart.format(tick)}</text>`;
      })}
    </g>
    <text x=${LEFT} y=${HEIGHT - 6}>${first ?? ''}</text>
    ${
      last !== first
        ? svg`<text x=${WIDTH - RIGHT} y=${HEIGHT - 6} text-anchor="end">${last}</text>`
        : nothing
    }`;
}

function renderTable(chart: DayLinesChart) {
  const value = orDash(chart.format);
  return html`<details>
    <summary>${chart.caption}, as a table</summary>
    <table>
      <thead>
        <tr>
          <th scope="col">Day</th>
          ${chart.series.map((series) => html`<th scope="col">${series.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${chart.days.map(
          (day, i) =>
            html`<tr data-day=${day}>
              <td>${day}</td>
              ${chart.series.map((series) => html`<td>${value(series.values[i] ?? null)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}

/**
 * A line per series across the days, as SVG, named for assistive technology by its caption; a day
 * without a figure is a gap in its line, not a zero. The same figures follow as a table, so that
 * the chart can also be read, not only seen.
 */
export function renderDayLines(chart: DayLinesChart) {
  const measured = chart.series.flatMap((series) =>
    series.values.filter((v): v is number => v !== null),
  );
  const top = (chart.ceiling ?? niceCeiling)(Math.max(...measured, 0));
  return html`<figure class="chart">
    <figcaption id="${chart.id}-caption">${chart.caption}</figcaption>
    <ul class="legend">
      ${chart.series.map(
        (series, i) =>
          html`<li>
            <svg class="swatch series-${i}" viewBox="0 0 24 8" aria-hidden="true">
              <line class="line" x1="0" x2="24" y1="4" y2="4"></line>
            </svg>
            ${series.label}
          </li>`,
      )}
    </ul>
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${chart.id}-caption">
      ${renderAxes(chart, top)}
      ${
        measured.length
          ? // The first series is drawn last, on top of the rings of the second.
            chart.series.map((series, i) => renderSeries(chart, series, i, top)).reverse()
          : svg`<text x=${LEFT + PLOT_WIDTH / 2} y=${TOP + PLOT_HEIGHT / 2}
              text-anchor="middle">Nothing to measure in this range</text>`
      }
    </svg>
    ${renderTable(chart)}
  </figure>`;
}
