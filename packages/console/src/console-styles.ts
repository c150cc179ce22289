import { css } from 'lit';

export const consoleStyles = css`
  :host {
    display: block;
    font:
      15px/1.5 system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      sans-serif;
    color: #1c1d21;
    background: #f6f7fb;
    min-height: 100vh;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    padding: 0.75rem 1.5rem;
    background: #312e81;
    color: #fff;
  }
  nav {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin-inline-end: auto;
  }
  header a {
    color: #fff;
  }
  header a[aria-current='page'] {
    font-weight: 700;
  }
  .filters {
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    align-items: end;
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    gap: 1rem;
  }
  .card,
  .chart {
    background: #fff;
    border: 1px solid #dfe1ea;
    border-radius: 0.5rem;
    padding: 0.75rem 1rem;
    margin: 1rem 0 0;
  }
  .card h3 {
    margin: 0;
    font-size: 1rem;
  }
  .figure {
    font-size: 1.4rem;
    font-weight: 700;
    margin: 0.3rem 0;
  }
  .chart svg {
    inline-size: 100%;
    block-size: auto;
    fill: #4338ca;
  }
  .chart svg text {
    fill: #1c1d21;
    font-size: 13px;
  }
  .chart .grid line {
    stroke: #dfe1ea;
  }
  .chart .interval line {
    stroke: #1c1d21;
    stroke-width: 2;
  }
  .chart .line {
    fill: none;
    stroke-width: 2.5;
  }
  .chart .series-0 {
    stroke: #4338ca;
    fill: #4338ca;
  }
  .chart .series-1 {
    stroke: #b45309;
    fill: #b45309;
  }
  .chart .series-1 .line {
    stroke-dasharray: 7 4;
  }
  .chart .series-1 circle {
    fill: #fff;
    stroke-width: 2;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.25rem;
    list-style: none;
    padding: 0;
    margin: 0.4rem 0;
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  .chart svg.swatch {
    inline-size: 1.75rem;
    block-size: 0.6rem;
  }
  .range-form {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.75rem 1rem;
  }
  .presets {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  button.secondary[aria-pressed='true'] {
    background: #312e81;
    color: #fff;
  }
  input[aria-invalid='true'] {
    border-color: #b42318;
    outline: 1px solid #b42318;
  }
  .totals {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin: 1rem 0 0;
  }
  .totals .card {
    flex: 1 1 7.5rem;
    margin: 0;
  }
  .totals dt {
    font-weight: 600;
    font-size: 0.9rem;
  }
  .totals dd {
    margin: 0;
  }
  .activity h3,
  .questions-section h3 {
    margin-block: 1.5rem 0;
  }
  .examples {
    margin: 0;
    padding-inline-start: 1rem;
  }
  .scroller {
    overflow-x: auto;
    margin-block: 1rem;
  }
  .figures th,
  .figures td {
    white-space: nowrap;
  }
  .actions,
  .confirmable,
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .confirm {
    padding: 0.5rem 0.75rem;
    background: #fef3c7;
    border-radius: 0.35rem;
  }
  .confirm p {
    margin: 0;
  }
  .variants {
    display: grid;
    gap: 0.75rem;
    padding-inline-start: 1.25rem;
  }
  .variant h4 {
    margin: 0;
  }
  .prompt {
    white-space: pre-wrap;
  }
  .field {
    display: grid;
    gap: 0.3rem;
  }
  .feedback-list {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .feedback-item {
    background: #fff;
    border: 1px solid #dfe1ea;
    border-radius: 0.5rem;
    padding: 0.75rem 1rem;
  }
  .who {
    font-weight: 600;
    text-transform: capitalize;
    margin-inline-end: 0.4rem;
  }
  .conversation li {
    margin-block: 0.4rem;
    white-space: pre-wrap;
  }
  header h1 {
    font-size: 1.1rem;
    margin: 0;
  }
  main {
    max-width: 60rem;
    margin: 0 auto;
    padding: 1.5rem;
  }
  .sign-in {
    max-width: 24rem;
    margin-top: 10vh;
  }
  form {
    display: grid;
    gap: 0.4rem;
    margin-top: 1rem;
  }
  fieldset {
    display: grid;
    gap: 0.4rem;
    border: 1px solid #dfe1ea;
    border-radius: 0.5rem;
    padding: 1rem;
    background: #fff;
  }
  label {
    font-weight: 600;
  }
  input,
  select,
  textarea,
  button {
    font: inherit;
  }
  input:not([type='checkbox']),
  select,
  textarea {
    padding: 0.4rem 0.5rem;
    border: 1px solid #8b90a0;
    border-radius: 0.35rem;
    background: #fff;
    color: inherit;
  }
  input[type='color'] {
    inline-size: 4rem;
    padding: 0.1rem;
  }
  button {
    justify-self: start;
    padding: 0.5rem 1rem;
    border: 0;
    border-radius: 0.35rem;
    background: #4338ca;
    color: #fff;
    cursor: pointer;
  }
  button.secondary,
  header button {
    background: #fff;
    color: #312e81;
    border: 1px solid #312e81;
  }
  :focus-visible {
    outline: 3px solid #f59e0b;
    outline-offset: 2px;
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
    background: #fff;
  }
  caption {
    text-align: start;
    color: #555a66;
    padding-block-end: 0.4rem;
  }
  th,
  td {
    text-align: start;
    padding: 0.5rem;
    border-block-end: 1px solid #dfe1ea;
  }
  a {
    color: #3730a3;
  }
  code {
    overflow-wrap: anywhere;
  }
  p[role='status']:empty {
    margin: 0;
  }
  .error {
    color: #b42318;
    font-weight: 600;
  }
  .secret {
    padding: 0.75rem;
    background: #fef3c7;
    border-radius: 0.35rem;
  }
  /* The site editor: the form, and beside it the widget's preview, kept in view as the form scrolls. */
  .site-editor {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(18rem, 24rem);
    gap: 0 1.5rem;
    align-items: start;
  }
  .widget-preview {
    position: sticky;
    inset-block-start: 1rem;
    margin-block-start: 1rem;
  }
  .widget-preview h3 {
    margin: 0;
    font-size: 1rem;
  }
  .widget-preview .hint {
    margin: 0.2rem 0 0.6rem;
    color: #555a66;
  }
  /* As wide as the bubble's panel on a site, at most. */
  .widget-preview repruv-chat {
    --repruv-height: min(36rem, 75vh);
    max-inline-size: 25rem;
  }
  /* A tablet: the preview below the form. */
  @media (max-width: 56rem) {
    .site-editor {
      grid-template-columns: minmax(0, 1fr);
    }
    .widget-preview {
      position: static;
      margin-block-start: 1.5rem;
    }
  }
  /* Too narrow for one row: the title, the links, then who is signed in, each a row. */
  @media (max-width: 72rem) {
    nav {
      flex-basis: 100%;
    }
    header span {
      margin-inline-start: auto;
    }
  }
  @media (max-width: 40rem) {
    main {
      padding: 1rem;
    }
    table,
    tbody,
    tr,
    td {
      display: block;
    }
    thead {
      display: none;
    }
  }
`;
