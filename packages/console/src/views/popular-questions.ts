import { html } from 'lit';
import { analyticsQuery, QUESTIONS_PATH } from '../admin-api.js';
import type { AnalyticsQuery, PopularQuestion, QuestionsReport } from '../analytics-types.js';
import { count, dateTime, percent } from './format.js';

function renderRow(question: PopularQuestion, rank: number) {
  // The first wording is the question itself.
  const others = question.examples.slice(1);
  return html`<tr>
    <td>${rank}</td>
    <th scope="row">${question.question}</th>
    <td>${count(question.sessions)}</td>
    <td>${percent(question.share)}</td>
    <td>
      ${
        others.length
          ? html`<ul class="examples">
              ${others.map((example) => html`<li>${example}</li>`)}
            </ul>`
          : '—'
      }
    </td>
    <td>${dateTime(question.last_asked_at)}</td>
  </tr>`;
}

/** The questions visitors asked most, alike ones grouped, with a few of their wordings. */
export function renderPopularQuestions(report: QuestionsReport, query: AnalyticsQuery) {
  const { data, from, to } = report;
  return html`<section class="questions-section" aria-labelledby="questions-heading">
    <h3 id="questions-heading">Popular questions</h3>
    ${
      data.length
        ? html`<table class="questions">
            <caption>
              The questions asked in most sessions, ${from} to ${to}, of
              ${count(report.total_sessions)} sessions
            </caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Question</th>
                <th scope="col">Sessions</th>
                <th scope="col">Share</th>
                <th scope="col">Also asked as</th>
                <th scope="col">Last asked</th>
              </tr>
            </thead>
            <tbody>
              ${data.map((question, i) => renderRow(question, i + 1))}
            </tbody>
          </table>`
        : html`<p>No questions were asked in this range.</p>`
    }
    <p>
      <a href="${QUESTIONS_PATH}${analyticsQuery(query, { format: 'csv' })}" download
        >Download the popular questions as CSV</a
      >
    </p>
  </section>`;
}
