/** When to renew an access token: before it expires, never after, never in a tight loop. */

/** The `exp` claim of a JWT as epoch milliseconds, or null when the token cannot be read. */
export function tokenExpiry(token: string): number | null {
  const part = token.split('.')[1];
  if (!part) {
    return null;
  }
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * Milliseconds to wait before renewing a token that lives `lifetimeMs` and expires at `expiresAtMs`: a fifth of the
 * lifetime before expiry, at most one minute before (a 15-minute token is renewed at 14 minutes); at once when that
 * moment has passed.
 */
export function refreshDelayMs(expiresAtMs: number, lifetimeMs: number, nowMs: number): number {
  const lead = Math.min(60_000, Math.max(lifetimeMs, 0) * 0.2);
  return Math.max(0, expiresAtMs - nowMs - lead);
}
