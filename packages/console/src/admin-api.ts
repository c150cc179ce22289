/** The console's calls to `/api/v1/admin/*` (docs/openapi.yaml): the cookie, and the CSRF token. */
import type { ActivityReport, AnalyticsQuery, QuestionsReport } from './analytics-types.js';
import type {
  Experiment,
  ExperimentFilters,
  ExperimentResults,
  NewExperiment,
  NewPersona,
  Persona,
  PersonaChanges,
} from './persona-types.js';

export interface Operator {
  id: string;
  email: string;
}

export interface SiteWidget {
  title?: string;
  primary_color?: string;
  accent_color?: string;
  quick_prompts?: string[];
}

export interface AdminSite {
  id: string;
  name: string;
  site_key: string;
  origins: string[];
  challenge: 'off' | 'on';
  identity: 'optional' | 'required';
  daily_budget_usd: number | null;
  fallback_model: string | null;
  widget: SiteWidget;
  default_mode: string | null;
  disabled: boolean;
  created_at: string;
}

export type SiteChanges = Partial<
  Pick<
    AdminSite,
    | 'name'
    | 'origins'
    | 'challenge'
    | 'identity'
    | 'daily_budget_usd'
    | 'fallback_model'
    | 'widget'
    | 'default_mode'
    | 'disabled'
  >
>;

export interface FeedbackFilters {
  rating?: 'up' | 'down' | '';
  tag?: string;
  mode?: string;
}

export interface FeedbackItem {
  message_id: string;
  rating: 'up' | 'down';
  comment: string | null;
  tags: string[];
  mode: string | null;
  model: string | null;
  updated_at: string;
  question: string | null;
  reply: string;
}

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

/** `?name=value&…`, empty values left out; '' when none is left. */
export function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value) search.set(name, value);
  }
  const query = search.toString();
  return query ? `?${query}` : '';
}

/** The filters as a query string (empty ones left out). */
export function feedbackQuery(
  filters: FeedbackFilters,
  extra: Record<string, string> = {},
): string {
  return queryString({ ...filters, ...extra });
}

export interface UsageTotals {
  calls: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

export interface Overview {
  today: UsageTotals;
  yesterday: UsageTotals;
  month_to_date_cost_usd: number;
}

export interface UsageDay extends UsageTotals {
  day: string;
  key: string | null;
  stopped: number;
}

export const USAGE_PATH = '/api/v1/admin/analytics/usage';

export const FEEDBACK_EXPORT_PATH = '/api/v1/admin/feedback/export';

export const ACTIVITY_PATH = '/api/v1/admin/analytics/activity';
export const QUESTIONS_PATH = '/api/v1/admin/analytics/questions';

/** The analytics query as a query string, all sites leaving `site_id` out. */
export function analyticsQuery(query: AnalyticsQuery, extra: Record<string, string> = {}): string {
  return queryString({ from: query.from, to: query.to, site_id: query.siteId, ...extra });
}

/** An answer that was not a success: its status and the API's error code and message. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
  }
}

const BASE = '/api/v1/admin';

interface ErrorDetails {
  issues?: Array<{ field: string }>;
  field?: string;
}

/** The fields an error names: a schema's issues, or the one field of a check across fields. */
function fieldsOf(details: ErrorDetails | undefined): string[] {
  if (details?.issues) return details.issues.map((issue) => issue.field);
  return details?.field ? [details.field] : [];
}

export class AdminApi {
  #csrf = '';

  async session(): Promise<Operator | null> {
    try {
      const body = await this.#call<{ operator: Operator; csrf_token: string }>('GET', '/session');
      this.#csrf = body.csrf_token;
      return body.operator;
    } catch (error) {
      if (error instanceof AdminApiError && error.status === 401) return null;
      throw error;
    }
  }

  async signIn(email: string, password: string): Promise<Operator> {
    const body = await this.#call<{ operator: Operator; csrf_token: string }>('POST', '/session', {
      email,
      password,
    });
    this.#csrf = body.csrf_token;
    return body.operator;
  }

  async signOut(): Promise<void> {
    await this.#call('DELETE', '/session');
    this.#csrf = '';
  }

  async sites(): Promise<AdminSite[]> {
    return (await this.#call<{ data: AdminSite[] }>('GET', '/sites')).data;
  }

  createSite(site: SiteChanges): Promise<AdminSite & { identity_secret: string }> {
    return this.#call('POST', '/sites', site);
  }

  updateSite(id: string, changes: SiteChanges): Promise<AdminSite> {
    return this.#call('PATCH', `/sites/${encodeURIComponent(id)}`, changes);
  }

  rotateSecret(id: string): Promise<{ identity_secret: string }> {
    return this.#call('POST', `/sites/${encodeURIComponent(id)}/rotate-secret`);
  }

  feedback(
    filters: FeedbackFilters,
    cursor?: string,
  ): Promise<{ data: FeedbackItem[]; next_cursor: string | null }> {
    return this.#call('GET', `/feedback${feedbackQuery(filters, cursor ? { cursor } : {})}`);
  }

  async conversation(messageId: string): Promise<Turn[]> {
    const path = `/feedback/${encodeURIComponent(messageId)}/conversation`;
    return (await this.#call<{ data: Turn[] }>('GET', path)).data;
  }

  overview(): Promise<Overview> {
    return this.#call('GET', '/analytics/overview');
  }

  async usage(from: string, to: string): Promise<UsageDay[]> {
    const path = `/analytics/usage?from=${from}&to=${to}`;
    return (await this.#call<{ data: UsageDay[] }>('GET', path)).data;
  }

  /** One site's usage (or every site's), per day and per group. */
  async spend(query: AnalyticsQuery, groupBy: 'none' | 'model' | 'site'): Promise<UsageDay[]> {
    const path = `/analytics/usage${analyticsQuery(query, { group_by: groupBy })}`;
    return (await this.#call<{ data: UsageDay[] }>('GET', path)).data;
  }

  activity(query: AnalyticsQuery): Promise<ActivityReport> {
    return this.#call('GET', `/analytics/activity${analyticsQuery(query)}`);
  }

  questions(query: AnalyticsQuery): Promise<QuestionsReport> {
    return this.#call('GET', `/analytics/questions${analyticsQuery(query)}`);
  }

  /** Every persona, or (`scope`) the global ones or one site's. */
  async personas(scope?: 'global' | string): Promise<Persona[]> {
    const path = `/personas${queryString({ site_id: scope })}`;
    return (await this.#call<{ data: Persona[] }>('GET', path)).data;
  }

  createPersona(persona: NewPersona): Promise<Persona> {
    return this.#call('POST', '/personas', persona);
  }

  persona(id: string): Promise<Persona> {
    return this.#call('GET', `/personas/${encodeURIComponent(id)}`);
  }

  updatePersona(id: string, changes: PersonaChanges): Promise<Persona> {
    return this.#call('PATCH', `/personas/${encodeURIComponent(id)}`, changes);
  }

  deletePersona(id: string): Promise<void> {
    return this.#call('DELETE', `/personas/${encodeURIComponent(id)}`);
  }

  async experiments(filters: ExperimentFilters = {}): Promise<Experiment[]> {
    const path = `/experiments${queryString({ ...filters })}`;
    return (await this.#call<{ data: Experiment[] }>('GET', path)).data;
  }

  /** Starts it at once. */
  createExperiment(experiment: NewExperiment): Promise<Experiment> {
    return this.#call('POST', '/experiments', experiment);
  }

  experimentResults(id: string): Promise<ExperimentResults> {
    return this.#call('GET', `/experiments/${encodeURIComponent(id)}/results`);
  }

  stopExperiment(id: string): Promise<Experiment> {
    return this.#call('POST', `/experiments/${encodeURIComponent(id)}/stop`);
  }

  /** The variant's prompt becomes the persona's, and the experiment stops with it as the winner. */
  promoteVariant(id: string, variantId: string): Promise<Experiment> {
    return this.#call('POST', `/experiments/${encodeURIComponent(id)}/promote`, {
      variant_id: variantId,
    });
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.#csrf) headers['X-CSRF-Token'] = this.#csrf;
    const response = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (response.status === 204) return undefined as T;
    const json = (await response.json().catch(() => null)) as {
      error?: { code: string; message: string; details?: ErrorDetails };
    } | null;
    if (!response.ok) {
      const error = json?.error;
      throw new AdminApiError(
        response.status,
        error?.code ?? 'internal_error',
        error?.message ?? `The server answered ${response.status}.`,
        fieldsOf(error?.details),
      );
    }
    return json as T;
  }
}
