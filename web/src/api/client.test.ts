import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { login, logout, renew } from '../screens/trading/auth';
import { notices, reportError } from '../ui/notices';
import { api, ApiError, session, setRefreshHook, StaleSessionError } from './client';

/**
 * A real HTTP server standing in for the gateway's auth and trade routes. Requests sent with a token in `holding`
 * are held until the test releases them, so a logout or a renewal can happen while they are in flight; the server then answers each
 * with 401 when the token it was sent with has been revoked, as the gateway does.
 */
const revoked = new Set<string>();
const holding = new Set<string>();
const held: Array<{ token: string; res: ServerResponse }> = [];
const seen: string[] = [];
let refreshes: ServerResponse[] = [];
let holdRefresh = false;
let server: Server;
let base: string;

const bearer = (req: IncomingMessage) => (req.headers.authorization ?? '').replace(/^Bearer /, '');
const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
};
const answerHeld = (token: string, res: ServerResponse) => {
  if (revoked.has(token)) send(res, 401, { error: 'Token revoked' });
  else send(res, 200, { token });
};

function answerRefresh(): void {
  for (const res of refreshes.splice(0)) {
    send(res, 200, { token: 'access-2', refresh_token: 'refresh-2', expires_in: 900 });
  }
}

function releaseHeld(): void {
  for (const h of held.splice(0)) answerHeld(h.token, h.res);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const token = bearer(req);
    seen.push(`${req.method} ${req.url} ${token}`);
    if (req.url === '/api/auth/login') {
      send(res, 200, { token: 'access-1', refresh_token: 'refresh-1', expires_in: 900,
        user: { id: 'u1', email: 'trader@example.com' } });
    } else if (req.url === '/api/auth/refresh') {
      refreshes.push(res);
      if (!holdRefresh) answerRefresh();
    } else if (req.url === '/api/auth/logout') {
      revoked.add(token);
      // The revocation reaches the held requests before the logout answer reaches the browser: the race seen in
      // the browser run.
      releaseHeld();
      setTimeout(() => send(res, 200, { message: 'Logged out' }), 20);
    } else if (holding.has(token)) {
      held.push({ token, res });
    } else {
      answerHeld(token, res);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const realFetch = globalThis.fetch;
  // The browser resolves the client's relative paths against the page; here they go to the test server.
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => realFetch(new URL(input, base), init));
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  revoked.clear();
  holding.clear();
  refreshes = [];
  holdRefresh = false;
  seen.length = 0;
  notices.set([]);
});

afterEach(() => {
  setRefreshHook(null);
  session.set(null);
});

/** Resolves once the server holds `n` requests. */
async function heldCount(n: number): Promise<void> {
  await vi.waitFor(() => expect(held.length).toBe(n), { timeout: 10_000 });
}

describe('401 answers and the session they belong to', () => {
  it('ignores 401s to requests still in flight when the user logs out', async () => {
    await login('trader@example.com', 'secret');
    holding.add('access-1');
    const inFlight = [api.get('/api/slow'), api.get('/api/slow')];
    const reported = inFlight.map((p) => p.catch((e) => {
      reportError(e);
      return e;
    }));
    await heldCount(2);

    await logout();
    const errors = await Promise.all(reported);

    expect(notices.get()).toEqual([]);
    expect(session.get()).toBeNull();
    for (const e of errors) expect(e).toBeInstanceOf(StaleSessionError);
    // The logout still told the server which access token to revoke.
    expect(seen).toContain('POST /api/auth/logout access-1');
  });

  it('retries once with the new token when the session was renewed while the request was in flight', async () => {
    holding.add('old');
    session.set({ accessToken: 'old', expiresAt: Date.now() + 60_000 });
    const answer = api.get<{ token: string }>('/api/slow');
    await heldCount(1);
    session.set({ accessToken: 'new', expiresAt: Date.now() + 900_000 });
    revoked.add('old');
    releaseHeld();

    await expect(answer).resolves.toEqual({ token: 'new' });
    expect(seen).toEqual(['GET /api/slow old', 'GET /api/slow new']);
  });

  it('retries with the renewed token a 401 that arrives while the renewal is in flight', async () => {
    await login('trader@example.com', 'secret');
    holding.add('access-1');
    holdRefresh = true;
    const answer = api.get<{ token: string }>('/api/slow');
    await heldCount(1);
    const renewal = renew();
    await vi.waitFor(() => expect(refreshes.length).toBe(1), { timeout: 10_000 });
    revoked.add('access-1');
    releaseHeld();
    // Give the 401 a moment to reach the client before the renewal does (an ordering aid, not a time limit).
    await new Promise((resolve) => setTimeout(resolve, 20));
    answerRefresh();

    await expect(answer).resolves.toEqual({ token: 'access-2' });
    await expect(renewal).resolves.toBe(true);
    expect(notices.get()).toEqual([]);
    expect(seen.filter((s) => s.startsWith('POST /api/auth/refresh'))).toEqual(['POST /api/auth/refresh ']);
    await logout();
  });

  it('ignores a 401 to the retry when the session changed once more', async () => {
    holding.add('old').add('new');
    session.set({ accessToken: 'old', expiresAt: Date.now() + 60_000 });
    const answer = api.get('/api/slow');
    await heldCount(1);
    session.set({ accessToken: 'new', expiresAt: Date.now() + 900_000 });
    revoked.add('old');
    releaseHeld();
    await heldCount(1);
    session.set(null);
    revoked.add('new');
    releaseHeld();

    await expect(answer).rejects.toBeInstanceOf(StaleSessionError);
  });

  it('still shows a 401 for the current session', async () => {
    session.set({ accessToken: 'current', expiresAt: Date.now() + 60_000 });
    revoked.add('current');

    const error = await api.get('/api/trade/portfolio').catch((e: unknown) => e);
    reportError(error);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(notices.get().map((n) => n.text)).toEqual(['Token revoked']);
  });

  it('shows a 401 that the renewal could not cure, once', async () => {
    session.set({ accessToken: 'current', expiresAt: Date.now() + 60_000 });
    revoked.add('current');
    let renewals = 0;
    setRefreshHook(async () => {
      renewals++;
      return false;
    });

    const error = await api.get('/api/trade/portfolio').catch((e: unknown) => e);

    expect(renewals).toBe(1);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
  });
});
