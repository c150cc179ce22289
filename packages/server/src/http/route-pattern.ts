import type { ParameterizedContext } from 'koa';

interface MatchedLayer {
  methods: string[];
  path: string | RegExp;
}

/**
 * The route pattern a request matched (`/api/v1/chat/sessions/:id`, never the raw path), for metric
 * labels and logs. Read from the routers' matched layers: `_matchedRoute` names whichever layer ran
 * last, so a request that auth refused would read `/api/v1(?:\/|$)`, the auth middleware's layer.
 */
export function routePattern(ctx: ParameterizedContext): string | undefined {
  const matched = (ctx as { matched?: MatchedLayer[] }).matched ?? [];
  const routes = matched.filter((layer) => layer.methods.length > 0);
  // A 405 has no route for its method: name the path's route all the same.
  const route =
    routes.filter((layer) => layer.methods.includes(ctx.method)).at(-1) ?? routes.at(-1);
  return route === undefined ? undefined : String(route.path);
}
