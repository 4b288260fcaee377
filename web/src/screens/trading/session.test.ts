import { describe, expect, it } from 'vitest';
import { refreshDelayMs, tokenExpiry } from './session';

const b64url = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

describe('tokenExpiry', () => {
  it('reads exp in milliseconds', () => {
    expect(tokenExpiry(`${b64url({ alg: 'HS256' })}.${b64url({ user_id: 'u?>', exp: 1_800_000_000 })}.sig`))
      .toBe(1_800_000_000_000);
  });

  it('is null for what is not a JWT with a numeric exp', () => {
    expect(tokenExpiry('garbage')).toBeNull();
    expect(tokenExpiry('a.%%%.c')).toBeNull();
    expect(tokenExpiry(`x.${b64url({ exp: 'soon' })}.y`)).toBeNull();
  });
});

describe('refreshDelayMs', () => {
  const now = 1_000_000;

  it('renews a 15-minute token one minute before it expires', () => {
    expect(refreshDelayMs(now + 900_000, 900_000, now)).toBe(840_000);
  });

  it('renews a short token a fifth of its life early', () => {
    expect(refreshDelayMs(now + 100_000, 100_000, now)).toBe(80_000);
  });

  it('renews at once when the moment has passed', () => {
    expect(refreshDelayMs(now + 3_000, 900_000, now)).toBe(0);
    expect(refreshDelayMs(now - 1, 900_000, now)).toBe(0);
  });
});
