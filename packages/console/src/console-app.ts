import { html, LitElement, nothing } from 'lit';
import {
  AdminApi,
  type AdminSite,
  type FeedbackFilters,
  type FeedbackItem,
  type Operator,
  type Overview,
  type SiteChanges,
  type Turn,
  type UsageDay,
} from './admin-api.js';
import { consoleStyles } from './console-styles.js';
import { AnalyticsController } from './controllers/analytics-controller.js';
import { ExperimentResultsController } from './controllers/experiment-results-controller.js';
import { ExperimentsController } from './controllers/experiments-controller.js';
import { NewExperimentController } from './controllers/new-experiment-controller.js';
import { PersonasController } from './controllers/personas-controller.js';
import { WidgetPreviewController } from './controllers/widget-preview-controller.js';
import { messageOf } from './error-message.js';
import { routeOf, type Page, type Route } from './routes.js';
import { renderFeedbackPage } from './views/feedback-page.js';
import { renderOverviewPage } from './views/overview-page.js';
import { renderSignIn } from './views/sign-in.js';
import { renderSiteEditor } from './views/site-editor.js';
import { renderSitesList } from './views/sites-list.js';

/**
 * `<repruv-console>`: the operator console (SPEC "Operator console"). Signed out it shows the
 * sign-in form; signed in, the usage, the analytics, the sites and each site's settings, the
 * feedback, the personas and their prompt experiments. Everything comes from /api/v1/admin.
 */
export class RepruvConsole extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    _operator: { state: true },
    _sites: { state: true },
    _route: { state: true },
    _error: { state: true },
    _busy: { state: true },
    _secret: { state: true },
    _saved: { state: true },
    _feedback: { state: true },
    _opened: { state: true },
    _overview: { state: true },
  };

  readonly #api = new AdminApi();
  /** undefined: not known yet; null: signed out. */
  private _operator: Operator | null | undefined = undefined;
  private _sites: AdminSite[] = [];
  private _route: Route = routeOf(location.hash);
  private _error = '';
  private _busy = false;
  private _secret = '';
  private _saved = false;
  private _feedback: { filters: FeedbackFilters; items: FeedbackItem[]; cursor: string | null } = {
    filters: {},
    items: [],
    cursor: null,
  };
  private _opened = new Map<string, Turn[]>();
  private _overview: {
    overview: Overview | null;
    days: UsageDay[];
    range: { from: string; to: string };
  } = {
    overview: null,
    days: [],
    range: { from: '', to: '' },
  };
  readonly #analytics = new AnalyticsController(this, this.#api);
  readonly #personas = new PersonasController(this, this.#api);
  readonly #newExperiment = new NewExperimentController(this, this.#api);
  readonly #experiments = new ExperimentsController(this, this.#api);
  readonly #results = new ExperimentResultsController(this, this.#api);
  readonly #preview = new WidgetPreviewController(this);
  readonly #onHash = () => {
    this._route = routeOf(location.hash);
    this._error = '';
    this._saved = false;
    this._secret = '';
    if (this._operator) void this.#loadPage();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.#onHash);
    void this.#start();
  }

  override disconnectedCallback(): void {
    removeEventListener('hashchange', this.#onHash);
    super.disconnectedCallback();
  }

  async #start(): Promise<void> {
    try {
      this._operator = await this.#api.session();
      if (this._operator) await this.#loadSignedIn();
    } catch (error) {
      this._operator = null;
      this._error = messageOf(error);
    }
  }

  async #signIn(email: string, password: string): Promise<void> {
    this._busy = true;
    this._error = '';
    try {
      this._operator = await this.#api.signIn(email, password);
      await this.#loadSignedIn();
    } catch (error) {
      this._error = messageOf(error);
    } finally {
      this._busy = false;
    }
  }

  async #loadSignedIn(): Promise<void> {
    this._sites = await this.#api.sites();
    await this.#loadPage();
  }

  /** What the page shows beyond the sites, read as it opens. */
  async #loadPage(): Promise<void> {
    const route = this._route;
    switch (route.page) {
      case 'feedback':
        return this.#loadFeedback(this._feedback.filters);
      case 'overview':
        return this.#loadOverview();
      case 'analytics':
        return this.#analytics.open();
      case 'personas':
        return this.#personas.openList();
      case 'persona':
        return this.#personas.openEditor(route.personaId);
      case 'experiments':
        return this.#experiments.open();
      case 'new-experiment':
        return this.#newExperiment.open(route.personaId);
      case 'experiment':
        return this.#results.open(route.experimentId);
      case 'site': // the sites were read at sign-in; only the preview's widget is left to load
        return this.#preview.open();
      case 'sites':
        return; // the sites were read at sign-in
    }
  }

  async #loadOverview(): Promise<void> {
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
    try {
      const [overview, days] = await Promise.all([this.#api.overview(), this.#api.usage(from, to)]);
      this._overview = { overview, days, range: { from, to } };
    } catch (error) {
      this._error = messageOf(error);
    }
  }

  /** The first page for `filters`, or (`more`) the next page of the current ones. */
  async #loadFeedback(filters: FeedbackFilters, more = false): Promise<void> {
    this._error = '';
    try {
      const cursor = more ? (this._feedback.cursor ?? undefined) : undefined;
      const page = await this.#api.feedback(filters, cursor);
      this._feedback = {
        filters,
        items: more ? [...this._feedback.items, ...page.data] : page.data,
        cursor: page.next_cursor,
      };
    } catch (error) {
      this._error = messageOf(error);
    }
  }

  async #toggleConversation(messageId: string): Promise<void> {
    const opened = new Map(this._opened);
    if (opened.delete(messageId)) {
      this._opened = opened;
      return;
    }
    try {
      opened.set(messageId, await this.#api.conversation(messageId));
      this._opened = opened;
    } catch (error) {
      this._error = messageOf(error);
    }
  }

  async #signOut(): Promise<void> {
    await this.#api.signOut().catch(() => undefined);
    this._operator = null;
    this._sites = [];
  }

  async #create(name: string, origins: string[]): Promise<void> {
    this._error = '';
    try {
      const site = await this.#api.createSite({ name, origins });
      this._sites = [...this._sites, site];
      const opened = new Promise((resolve) =>
        addEventListener('hashchange', resolve, { once: true }),
      );
      location.hash = `#/sites/${site.id}`;
      await opened; // the editor opens first, then shows the secret (a new page clears it)
      this._secret = site.identity_secret;
    } catch (error) {
      this._error = messageOf(error);
    }
  }

  async #save(id: string, changes: SiteChanges): Promise<void> {
    this._error = '';
    this._saved = false;
    try {
      const site = await this.#api.updateSite(id, changes);
      this._sites = this._sites.map((s) => (s.id === id ? site : s));
      this._saved = true;
    } catch (error) {
      this._error = messageOf(error);
    }
  }

  async #rotate(id: string): Promise<void> {
    try {
      this._secret = (await this.#api.rotateSecret(id)).identity_secret;
    } catch (error) {
      this._error = messageOf(error);
    }
  }

  protected override render() {
    if (this._operator === undefined) return html`<main><p role="status">Loading…</p></main>`;
    if (this._operator === null) {
      return renderSignIn({
        error: this._error,
        busy: this._busy,
        onSubmit: (email, password) => void this.#signIn(email, password),
      });
    }
    const page = this._route.page;
    const link = (href: string, label: string, name: Page) =>
      html`<a href=${href} aria-current=${page === name ? 'page' : nothing}>${label}</a>`;
    return html`<header>
        <h1>Repruv Assistant console</h1>
        <nav aria-label="Console">
          ${link('#/', 'Overview', 'overview')} ${link('#/analytics', 'Analytics', 'analytics')}
          ${link('#/sites', 'Sites', 'sites')} ${link('#/feedback', 'Feedback', 'feedback')}
          ${link('#/personas', 'Personas', 'personas')}
          ${link('#/experiments', 'Experiments', 'experiments')}
        </nav>
        <span>${this._operator.email}</span>
        <button type="button" @click=${() => void this.#signOut()}>Sign out</button>
      </header>
      <main>${this.#renderPage(this._route)}</main>`;
  }

  #renderPage(route: Route) {
    switch (route.page) {
      case 'overview':
        return renderOverviewPage({ ...this._overview, error: this._error });
      case 'analytics':
        return this.#analytics.render(this._sites);
      case 'feedback':
        return renderFeedbackPage({
          filters: this._feedback.filters,
          items: this._feedback.items,
          hasMore: this._feedback.cursor !== null,
          opened: this._opened,
          error: this._error,
          onFilter: (filters) => void this.#loadFeedback(filters),
          onMore: () => void this.#loadFeedback(this._feedback.filters, true),
          onToggle: (id) => void this.#toggleConversation(id),
        });
      case 'site': {
        const site = this._sites.find((s) => s.id === route.siteId);
        if (!site) {
          return html`<p role="alert">
            No site has this address. <a href="#/sites">All sites</a>
          </p>`;
        }
        return renderSiteEditor({
          site,
          error: this._error,
          secret: this._secret,
          saved: this._saved,
          preview: this.#preview.render(site),
          onSave: (changes) => void this.#save(site.id, changes),
          onWidgetInput: (widget) => this.#preview.edit(widget),
          onRotate: () => void this.#rotate(site.id),
        });
      }
      case 'sites':
        return renderSitesList({
          sites: this._sites,
          error: this._error,
          onCreate: (name, origins) => void this.#create(name, origins),
        });
      case 'personas':
        return this.#personas.renderList(this._sites);
      case 'persona':
        return this.#personas.renderEditor(this._sites);
      case 'experiments':
        return this.#experiments.render();
      case 'new-experiment':
        return this.#newExperiment.render();
      case 'experiment':
        return this.#results.render();
    }
  }
}
