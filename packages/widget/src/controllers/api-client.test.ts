import { describe, expect, it } from 'vitest';
import { ApiClient, type ChatConnection } from './api-client.js';

const connection = (over: Partial<ChatConnection> = {}): ChatConnection => ({
  apiUrl: 'https://api.example.test/',
  siteKey: 'pk_test',
  mode: null,
  token: null,
  getToken: null,
  userId: null,
  userHash: null,
  ...over,
});

describe('ApiClient', () => {
  it('keeps one SDK client while the connection stays the same', () => {
    let current = connection();
    const api = new ApiClient(() => current);
    const first = api.get();
    current = { ...current, mode: 'ideas' };
    expect(api.get()).toBe(first);
  });

  it('makes a new client when the API URL, site key or kind of credential changes', () => {
    let current = connection();
    const api = new ApiClient(() => current);
    const guest = api.get();
    current = { ...current, apiUrl: 'https://other.example.test' };
    const moved = api.get();
    expect(moved).not.toBe(guest);
    current = { ...current, token: 'jwt-1' };
    const signedIn = api.get();
    expect(signedIn).not.toBe(moved);
    current = { ...current, token: 'jwt-2' };
    expect(api.get()).toBe(signedIn);
  });

  it('makes a new client for another host user, and keeps it while the user stays', () => {
    let current = connection();
    const api = new ApiClient(() => current);
    const anonymous = api.get();
    current = { ...current, userId: 'user-1', userHash: 'a'.repeat(64) };
    const first = api.get();
    expect(first).not.toBe(anonymous);
    expect(api.get()).toBe(first);
    current = { ...current, userId: 'user-2', userHash: 'b'.repeat(64) };
    expect(api.get()).not.toBe(first);
  });
});
