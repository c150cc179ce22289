import type Router from '@koa/router';
import { KnownDevices } from '../../../admin/known-devices.js';
import { OperatorAccounts } from '../../../admin/operator-accounts.js';
import { OperatorSessions } from '../../../admin/operator-sessions.js';
import { SignInThrottle } from '../../../admin/sign-in-throttle.js';
import type { Config } from '../../../config.js';
import type { SiteRegistry } from '../../../auth/site-registry.js';
import type { Database } from '../../../db/connect.js';
import type { WindowCounter } from '../../../limits/window-counter.js';
import type { Logger } from '../../../observability/logger.js';
import { requireOperator, sameOriginOnly } from '../../middleware/operator-auth.js';
import type { AppState } from '../../state.js';
import { adminSessionRoutes } from './session.js';
import { adminSiteRoutes } from './sites.js';
import { adminAnalyticsRoutes } from './analytics.js';
import { adminFeedbackRoutes } from './feedback.js';
import { createRouter } from '../../router.js';
import type { PersonaCatalog } from '../../../personas/persona-catalog.js';
import { adminPersonaRoutes } from './personas.js';
import { adminExperimentRoutes } from './experiments.js';

export interface AdminApiDeps {
  config: Config;
  db: Database;
  windows: WindowCounter;
  sites: SiteRegistry;
  personas: PersonaCatalog;
  logger: Logger;
}

/** `/admin/*` of the API (SPEC "Operator console"): operators' cookies and CSRF tokens only. */
export function adminRoutes(deps: AdminApiDeps, prefix: string): Router<AppState> {
  const accounts = new OperatorAccounts(deps.db);
  const sessions = new OperatorSessions(deps.db, deps.config.admin.sessionHours * 3_600_000);
  const throttle = new SignInThrottle(
    deps.windows,
    deps.config.admin.signInsPerAddress,
    deps.config.admin.signInsPerEmail,
  );
  const router = createRouter(`${prefix}/admin`);
  router.use(sameOriginOnly());
  router.use(
    adminSessionRoutes({
      accounts,
      sessions,
      throttle,
      devices: new KnownDevices(deps.db),
      production: deps.config.isProduction,
    }).routes(),
  );
  // Everything below needs a signed-in operator (and the CSRF token on unsafe methods).
  const signedIn = createRouter();
  signedIn.use(requireOperator(sessions, deps.config.isProduction));
  signedIn.use(adminSiteRoutes(deps.sites, deps.personas).routes());
  signedIn.use(adminPersonaRoutes(deps.db, deps.personas).routes());
  signedIn.use(adminExperimentRoutes(deps.db, deps.personas).routes());
  signedIn.use(adminFeedbackRoutes(deps.db, deps.logger).routes());
  signedIn.use(adminAnalyticsRoutes(deps.db).routes());
  router.use(signedIn.routes());
  return router;
}
