/**
 * The paper-trading session: register, log in, renew the access token before it expires (and once on a 401), log
 * out. The access token goes into the shared `session` store (the REST client and the live connection use it; the
 * live connection reconnects with it, which puts it in the user's room); the refresh token stays in this module's
 * memory only, so a reload asks for the password again rather than keeping a long-lived secret in storage.
 */
import { api, ApiError, session, setRefreshHook } from '../../api/client';
import { Store } from '../../state/store';
import { notify } from '../../ui/notices';
import { refreshDelayMs, tokenExpiry } from './session';

/** Answer of `/api/auth/login` and `/api/auth/register`. */
interface SessionAnswer {
  token: string;
  refresh_token: string;
  /** access token lifetime, seconds */
  expires_in: number;
  user?: { id: string; email: string; name?: string };
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

/** Who is signed in, null when nobody. */
export const user = new Store<SignedInUser | null>(null);

let refreshToken: string | null = null;
let lifetimeMs = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let renewing: Promise<boolean> | null = null;

export async function login(email: string, password: string): Promise<void> {
  start(await api.post<SessionAnswer>('/api/auth/login', { email, password }), email);
}

export async function register(email: string, password: string, name: string): Promise<void> {
  start(await api.post<SessionAnswer>('/api/auth/register', { email, password, ...(name ? { name } : {}) }), email);
}

/**
 * Revokes the refresh token family and the access token on the server, then forgets both here. The session ends
 * here first, so that 401s to requests still in flight for it are recognised as stale rather than shown.
 */
export async function logout(): Promise<void> {
  const presented = refreshToken;
  const ending = session.get();
  end();
  await api.post('/api/auth/logout', presented ? { refresh_token: presented } : undefined, { as: ending });
}

/**
 * Exchanges the refresh token for a new pair. Concurrent callers share one exchange. Resolves false (and signs
 * out, saying why) when the server refuses it.
 */
export function renew(): Promise<boolean> {
  renewing ??= exchange().finally(() => {
    renewing = null;
  });
  return renewing;
}

async function exchange(): Promise<boolean> {
  const presented = refreshToken;
  if (!presented) {
    return false;
  }
  // Sent for no session: its own 401 must not wait for this very renewal, while other requests answered 401 in the
  // meantime still can, and are retried with the renewed token.
  try {
    const a = await api.post<SessionAnswer>('/api/auth/refresh', { refresh_token: presented }, { as: null });
    start(a, user.get()?.email ?? '');
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 0) {
      // The server is unreachable: keep the session and try again shortly.
      schedule(5_000);
      return false;
    }
    end();
    notify('error', `Your session has ended (${e instanceof Error ? e.message : String(e)}); please log in again.`);
    return false;
  }
}

function start(a: SessionAnswer, email: string): void {
  const now = Date.now();
  // Timed by this browser's clock from the lifetime the server states, not by the token's own exp claim: a clock
  // that is minutes off would otherwise renew too late, or over and over.
  const stated = Number.isFinite(a.expires_in) && a.expires_in > 0 ? a.expires_in * 1000 : null;
  const expiresAt = stated !== null ? now + stated : tokenExpiry(a.token) ?? now;
  lifetimeMs = stated ?? expiresAt - now;
  refreshToken = a.refresh_token;
  const who = a.user ?? user.get();
  user.set(who ? { id: who.id, email: who.email, name: who.name ?? '' } : { id: '', email, name: '' });
  session.set({ accessToken: a.token, expiresAt, username: who?.email ?? email });
  setRefreshHook(renew);
  schedule(refreshDelayMs(expiresAt, lifetimeMs, now));
}

function schedule(delayMs: number): void {
  clearTimeout(timer);
  timer = setTimeout(() => void renew(), delayMs);
}

function end(): void {
  clearTimeout(timer);
  refreshToken = null;
  setRefreshHook(null);
  session.set(null);
  user.set(null);
}
