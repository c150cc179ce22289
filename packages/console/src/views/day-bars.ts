import { html, svg } from 'lit';

export interface DayValue {
  day: string;
  value: number;
}

const WIDTH = 600;
const HEIGHT = 160;

/**
 * A bar per day, as SVG, named for assistive technology by its caption; the same figures follow
 * as a table, so that the chart can also be read, not only seen.
 */
export function renderDayBars(
  id: string,
  caption: string,
  days: DayValue[],
  format: (n: number) => string,
) {
  const max = Math.max(...days.map((d) => d.value), 0);
  const slot = WIDTH / Math.max(days.length, 1);
  return html`<figure class="chart">
    <figcaption id="${id}-caption">${caption}</figcaption>
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-caption">
      ${days.map((d, i) => {
        const height = max > 0 ? (d.value / max) * (HEIGHT - 4) : 0;
        return svg`<rect x=${i * slot + 1} y=${HEIGHT - height} width=${Math.max(slot - 2, 1)}
          height=${height}><title>${d.day}: ${format(d.value)}</title></rect>`;
      })}
    </svg>
    <details>
      <summary>${caption}, as a table</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          ${days.map(
            (d) =>
              html`<tr>
                <td>${d.day}</td>
                <td>${format(d.value)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </details>
  </figure>`;
}
