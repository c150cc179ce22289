import { describe, expect, it } from 'vitest';
import { newExperimentHref, routeOf } from './routes.js';

describe('routeOf', () => {
  it.each([
    ['', { page: 'overview' }],
    ['#/', { page: 'overview' }],
    ['#/analytics', { page: 'analytics' }],
    ['#/sites', { page: 'sites' }],
    ['#/sites/abc-1', { page: 'site', siteId: 'abc-1' }],
    ['#/feedback', { page: 'feedback' }],
    ['#/personas', { page: 'personas' }],
    ['#/personas/p-1', { page: 'persona', personaId: 'p-1' }],
    ['#/experiments', { page: 'experiments' }],
    ['#/experiments/e-1', { page: 'experiment', experimentId: 'e-1' }],
    ['#/experiments/new?persona=p-1', { page: 'new-experiment', personaId: 'p-1' }],
    ['#/experiments/new', { page: 'new-experiment', personaId: null }],
  ])('reads %j', (hash, route) => {
    expect(routeOf(hash)).toEqual(route);
  });

  it.each(['#/nowhere', '#/sites/a/b', '#/personas/<x>', '#/feedback/1', '#/analytics/x'])(
    'shows the overview for %j',
    (hash) => {
      expect(routeOf(hash)).toEqual({ page: 'overview' });
    },
  );

  it('reads back the addresses it writes', () => {
    expect(routeOf(newExperimentHref('p-1'))).toEqual({
      page: 'new-experiment',
      personaId: 'p-1',
    });
  });
});
