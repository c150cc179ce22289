/** The console's addresses: hash routes, each naming a page and what it shows. */
export type Route =
  | { page: 'overview' }
  | { page: 'analytics' }
  | { page: 'sites' }
  | { page: 'site'; siteId: string }
  | { page: 'feedback' }
  | { page: 'personas' }
  | { page: 'persona'; personaId: string }
  | { page: 'experiments' }
  | { page: 'new-experiment'; personaId: string | null }
  | { page: 'experiment'; experimentId: string };

export type Page = Route['page'];

const OVERVIEW: Route = { page: 'overview' };
const ID = /^[\w-]+$/;

/**
 * The route `hash` names: `#/` (or anything unknown) the overview, `#/analytics`, `#/sites`,
 * `#/sites/<id>`, `#/feedback`, `#/personas`, `#/personas/<id>`, `#/experiments`,
 * `#/experiments/new?persona=<id>` and `#/experiments/<id>`.
 */
export function routeOf(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const [section, id, ...rest] = path.split('/').slice(1);
  if (rest.length > 0 || (id !== undefined && !ID.test(id))) return OVERVIEW;
  switch (section) {
    case 'analytics':
      return id ? OVERVIEW : { page: 'analytics' };
    case 'sites':
      return id ? { page: 'site', siteId: id } : { page: 'sites' };
    case 'feedback':
      return id ? OVERVIEW : { page: 'feedback' };
    case 'personas':
      return id ? { page: 'persona', personaId: id } : { page: 'personas' };
    case 'experiments':
      if (id === 'new') {
        return { page: 'new-experiment', personaId: new URLSearchParams(query).get('persona') };
      }
      return id ? { page: 'experiment', experimentId: id } : { page: 'experiments' };
    default:
      return OVERVIEW;
  }
}

export const personaHref = (id: string) => `#/personas/${id}`;
export const experimentHref = (id: string) => `#/experiments/${id}`;
export const newExperimentHref = (personaId: string) =>
  `#/experiments/new?persona=${encodeURIComponent(personaId)}`;
