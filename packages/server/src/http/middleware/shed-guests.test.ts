import type { ParameterizedContext } from 'koa';
import { describe, expect, it } from 'vitest';
import { OverloadedError } from '../../errors.js';
import { ServerPressure } from '../../limits/server-pressure.js';
import type { AppState } from '../state.js';
import { shedAnonymousGuests } from './shed-guests.js';

const calm = () => new ServerPressure({ eventLoop: 1, dbWaiting: 0 }, () => 0);
const contextOf = (anonymous: boolean) =>
  ({ state: { anonymous } }) as unknown as ParameterizedContext<AppState>;

describe('shedAnonymousGuests', () => {
  it('takes as many anonymous requests at once as it may, refuses the next, and takes one again once one is done', async () => {
    const shed = shedAnonymousGuests({ pressure: calm(), atOnce: 2 });
    const finish: (() => void)[] = [];
    const inHand = () => new Promise<void>((resolve) => finish.push(resolve));
    const first = shed(contextOf(true), inHand);
    const second = shed(contextOf(true), inHand);
    await expect(shed(contextOf(true), async () => undefined)).rejects.toBeInstanceOf(
      OverloadedError,
    );
    // Nobody else is counted or refused.
    await expect(shed(contextOf(false), async () => undefined)).resolves.toBeUndefined();
    finish[0]!();
    await first;
    await expect(shed(contextOf(true), async () => undefined)).resolves.toBeUndefined();
    finish[1]!();
    await second;
  });

  it('gives the place back when the request fails', async () => {
    const shed = shedAnonymousGuests({ pressure: calm(), atOnce: 1 });
    await expect(
      shed(contextOf(true), async () => {
        throw new Error('the handler failed');
      }),
    ).rejects.toThrow('the handler failed');
    await expect(shed(contextOf(true), async () => undefined)).resolves.toBeUndefined();
  });

  it('refuses every anonymous request under pressure, with Retry-After, and no one else', async () => {
    const pressed = new ServerPressure({ eventLoop: 1, dbWaiting: 1 }, () => 5);
    const shed = shedAnonymousGuests({ pressure: pressed, atOnce: 0 });
    const refusal = await shed(contextOf(true), async () => undefined).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(OverloadedError);
    expect((refusal as OverloadedError).status).toBe(503);
    expect((refusal as OverloadedError).headers['Retry-After']).toBe('2');
    await expect(shed(contextOf(false), async () => undefined)).resolves.toBeUndefined();
  });
});
