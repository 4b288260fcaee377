import { Store } from '../state/store';

/** An API failure with the message to show: the server's `{"error": ...}`, or what went wrong on the way. */
export class ApiError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly path: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The signed-in session: the bearer token sent with every request, and when it expires (epoch ms). */
export interface Session {
  accessToken: string;
  expiresAt: number;
  username?: string;
}

export const session = new Store<Session | null>(null);

/**
 * A 401 answer for a session that has ended (logged out, or renewed again) since the request was sent: it says
 * nothing about the current session, so it is not shown.
 */
export class StaleSessionError extends Error {
  constructor(readonly path: string) {
    super(`${path}: answered 401 for a session that has since ended`);
    this.name = 'StaleSessionError';
  }
}

/**
 * Called when a request is answered 401 while a session exists: it should obtain a fresh token (and put it in
 * `session`) and resolve true, or resolve false to give up. The paper-trading screen installs it.
 */
export type RefreshHook = () => Promise<boolean>;
let refreshHook: RefreshHook | null = null;

export function setRefreshHook(hook: RefreshHook | null): void {
  refreshHook = hook;
}

export interface RequestOptions {
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /** The session to send the request for, when it is not the current one (logging out ends it first); null for none. */
  as?: Session | null;
}

/** Typed access to the gateway's REST API (`/api/...`), e.g. `api.get<Chain>('/api/data/chain/NIFTY', {query})`. */
export const api = {
  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return request<T>('GET', path, options);
  },
  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return request<T>('POST', path, { ...options, body });
  },
  put<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return request<T>('PUT', path, { ...options, body });
  },
  patch<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return request<T>('PATCH', path, { ...options, body });
  },
  delete<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return request<T>('DELETE', path, options);
  },
};

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined) params.set(k, String(v));
  }
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

async function request<T>(method: string, path: string, options: RequestOptions, retried = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const current = options.as !== undefined ? options.as : session.get();
  if (current) headers.Authorization = `Bearer ${current.accessToken}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError('The server cannot be reached; check that DeltaStream is running.', 0, path);
  }
  if (response.status === 401 && current) {
    const next = await afterUnauthorized(current, retried);
    if (next === 'retry') return request<T>(method, path, { ...options, as: undefined }, true);
    if (next === 'stale') throw new StaleSessionError(path);
  }
  const text = await response.text();
  const body = parseJson(text);
  if (!response.ok) {
    throw new ApiError(errorMessage(response.status, body, text), response.status, path);
  }
  if (text && body === undefined) {
    throw new ApiError(`The server sent an unreadable answer to ${method} ${path}.`, response.status, path);
  }
  return body as T;
}

/**
 * What to do with a 401 to a request sent for `sent`: renew the session once when it is still the current one, then
 * retry once if a newer session exists, ignore the answer if the session has ended, and show it otherwise.
 */
async function afterUnauthorized(sent: Session, retried: boolean): Promise<'retry' | 'stale' | 'show'> {
  if (!retried && session.get() === sent && refreshHook) await refreshHook();
  const now = session.get();
  if (now === sent) return 'show';
  if (now === null) return 'stale';
  return retried ? 'stale' : 'retry';
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The readable message of a failed response: the JSON `error` field when there is one. */
export function errorMessage(status: number, body: unknown, text: string): string {
  if (body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string') {
    return (body as { error: string }).error;
  }
  if (status === 429) return 'Too many requests; try again in a moment.';
  if (status === 502 || status === 503 || status === 504) return 'A service is unavailable; try again shortly.';
  const snippet = text.trim().slice(0, 120);
  return snippet ? `Request failed (${status}): ${snippet}` : `Request failed (${status}).`;
}
