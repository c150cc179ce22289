import { html, nothing, svg } from 'lit';
import { count, percent } from './format.js';

export interface ShareWithInterval {
  label: string;
  /** Null: no votes yet. */
  share: number | null;
  /** The share's 95 % interval. */
  interval: { low: number; high: number } | null;
  votes: number;
}

const WIDTH = 600;
const LABELS = 130;
const PLOT = WIDTH - LABELS - 20;
const AXIS = 24;
const ROW = 36;
const TICKS = [0, 0.25, 0.5, 0.75, 1];

const x = (share: number) => LABELS + share * PLOT;

/** `A: 67% (95 % interval 21%–94%), 3 votes`, or that there are no votes yet. */
function describe(row: ShareWithInterval): string {
  if (row.share === null) return `${row.label}: no votes yet`;
  const interval = row.interval
    ? ` (95 % interval ${percent(row.interval.low)}–${percent(row.interval.high)})`
    : '';
  return `${row.label}: ${percent(row.share)}${interval}, ${count(row.votes)} votes`;
}

function renderBar(row: ShareWithInterval, index: number) {
  const top = AXIS + index * ROW;
  const middle = top + ROW / 2;
  const label = svg`<text class="label" x=${LABELS - 8} y=${middle} text-anchor="end"
    dominant-baseline="middle">${row.label}</text>`;
  if (row.share === null) {
    return svg`<g><title>${describe(row)}</title>${label}<text x=${LABELS + 6} y=${middle}
      dominant-baseline="middle">no votes yet</text></g>`;
  }
  const interval = row.interval;
  return svg`<g><title>${describe(row)}</title>${label}
    <rect x=${LABELS} y=${top + 8} width=${Math.max(row.share * PLOT, 1)} height=${ROW - 16}></rect>
    ${
      interval
        ? svg`<g class="interval">
            <line x1=${x(interval.low)} x2=${x(interval.high)} y1=${middle} y2=${middle}></line>
            <line x1=${x(interval.low)} x2=${x(interval.low)} y1=${middle - 8} y2=${middle + 8}></line>
            <line x1=${x(interval.high)} x2=${x(interval.high)} y1=${middle - 8} y2=${middle + 8}></line>
          </g>`
        : nothing
    }</g>`;
}

/**
 * A bar per variant for its share of thumbs-up votes, its 95 % interval drawn as an error bar;
 * named by its caption for assistive technology, the same figures following as a table.
 */
export function renderShareChart(id: string, caption: string, rows: ShareWithInterval[]) {
  const height = AXIS + rows.length * ROW + 4;
  return html`<figure class="chart">
    <figcaption id="${id}-caption">${caption}</figcaption>
    <svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-caption">
      ${TICKS.map(
        (tick) =>
          svg`<g class="grid"><line x1=${x(tick)} x2=${x(tick)} y1=${AXIS - 4} y2=${height}></line>
            <text x=${x(tick)} y=${AXIS - 10} text-anchor="middle">${percent(tick)}</text></g>`,
      )}
      ${rows.map(renderBar)}
    </svg>
    <details>
      <summary>${caption}, as a table</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">Thumbs-up share</th>
            <th scope="col">95 % interval</th>
            <th scope="col">Votes</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) =>
              html`<tr>
                <td>${row.label}</td>
                <td>${row.share === null ? '—' : percent(row.share)}</td>
                <td>
                  ${
                    row.interval
                      ? `${percent(row.interval.low)}–${percent(row.interval.high)}`
                      : '—'
                  }
                </td>
                <td>${count(row.votes)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </details>
  </figure>`;
}
