import type { ReactiveControllerHost } from 'lit';
import { AdminApiError, type AdminApi, type AdminSite } from '../admin-api.js';
import { DEFAULT_RANGE_DAYS, lastDays } from '../analytics-range.js';
import type { ActivityReport, AnalyticsQuery, QuestionsReport } from '../analytics-types.js';
import { messageOf } from '../error-message.js';
import { renderAnalyticsPage } from '../views/analytics-page.js';
import type { SpendFigures } from '../views/spend-section.js';
import { PageController } from './page-controller.js';

interface AnalyticsState {
  /** What `activity` and `questions` are of. */
  query: AnalyticsQuery;
  activity: ActivityReport | null;
  questions: QuestionsReport | null;
  spend: SpendFigures | null;
  loading: boolean;
  error: string;
  /** The fields the error names (`from`, `to`). */
  invalid: string[];
}

const defaultQuery = (): AnalyticsQuery => ({ ...lastDays(DEFAULT_RANGE_DAYS), siteId: '' });

/** `#/analytics`: a range's activity day by day and its popular questions, for one site or all. */
export class AnalyticsController extends PageController<AnalyticsState> {
  /** Counts the calls, so that only the latest one's answer is shown when they overlap. */
  #calls = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly api: AdminApi,
  ) {
    super(host, {
      query: defaultQuery(),
      activity: null,
      questions: null,
      spend: null,
      loading: false,
      error: '',
      invalid: [],
    });
  }

  /** The range and site shown last, or the last 30 days of every site the first time. */
  open(): Promise<void> {
    return this.show(this.state.activity ? this.state.query : defaultQuery());
  }

  async show(query: AnalyticsQuery): Promise<void> {
    const call = ++this.#calls;
    this.set({ loading: true });
    try {
      const [activity, questions, daily, byModel, bySite] = await Promise.all([
        this.api.activity(query),
        this.api.questions(query),
        this.api.spend(query, 'none'),
        this.api.spend(query, 'model'),
        query.siteId ? null : this.api.spend(query, 'site'),
      ]);
      if (call !== this.#calls) return;
      const spend = { daily, byModel, bySite };
      this.set({ query, activity, questions, spend, loading: false, error: '', invalid: [] });
    } catch (error) {
      if (call !== this.#calls) return;
      const invalid = error instanceof AdminApiError ? error.fields : [];
      this.set({ loading: false, error: messageOf(error), invalid });
    }
  }

  render(sites: AdminSite[]) {
    return renderAnalyticsPage({
      ...this.state,
      sites,
      today: new Date(),
      onShow: (query) => void this.show(query),
    });
  }
}
