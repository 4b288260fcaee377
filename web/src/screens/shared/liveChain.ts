import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { EnrichedChain } from '../../api/types';
import { live } from '../../live/live';
import { reportError } from '../../ui/notices';
import { utcToday } from '../overview/model';

/** The expiries with stored chains of `product` that have not passed (UTC date), nearest first; empty until known. */
export function useExpiries(product: string): string[] {
  const [expiries, setExpiries] = useState<string[]>([]);
  useEffect(() => {
    const abort = new AbortController();
    setExpiries([]);
    api.get<{ expiries: string[] }>(`/api/data/expiries/${encodeURIComponent(product)}`, { signal: abort.signal })
      .then((r) => {
        const today = utcToday();
        setExpiries(r.expiries.filter((e) => e >= today).sort());
      })
      .catch(reportError);
    return () => abort.abort();
  }, [product]);
  return expiries;
}

/**
 * The latest chains of `product` for each of `expiries`: the stored one first, then every `chain_update` of the
 * product's chain room. An expiry is missing from the map until its chain arrives.
 */
export function useLiveChains(product: string, expiries: readonly string[]): ReadonlyMap<string, EnrichedChain> {
  const [chains, setChains] = useState<ReadonlyMap<string, EnrichedChain>>(new Map());
  const key = [...new Set(expiries)].sort().join(',');
  useEffect(() => {
    setChains(new Map());
    const wanted = key === '' ? [] : key.split(',');
    if (wanted.length === 0) {
      return undefined;
    }
    const put = (c: EnrichedChain, onlyIfMissing: boolean) => setChains((m) => {
      if (onlyIfMissing && m.has(c.expiry)) {
        return m;
      }
      const next = new Map(m);
      next.set(c.expiry, c);
      return next;
    });
    const abort = new AbortController();
    for (const expiry of wanted) {
      api.get<{ chains: EnrichedChain[] }>(`/api/data/chain/${encodeURIComponent(product)}`,
        { query: { expiry, limit: 1 }, signal: abort.signal })
        .then((r) => r.chains[0] && put(r.chains[0], true))
        .catch(reportError);
    }
    const client = live();
    const offs = [
      client.on('chain_update', (c) => {
        if (c.product === product && wanted.includes(c.expiry)) {
          put(c, false);
        }
      }),
      client.subscribe('chain', product),
    ];
    return () => {
      abort.abort();
      offs.forEach((off) => off());
    };
  }, [product, key]);
  return chains;
}

/** ACT/365 years left to the chain's expiry now: its time to expiry less the time since it was computed. */
export function yearsLeft(chain: Pick<EnrichedChain, 'time_to_expiry' | 'timestamp'>, nowMs = Date.now()): number {
  const at = Date.parse(chain.timestamp);
  const elapsed = Number.isFinite(at) ? Math.max(0, nowMs - at) / (365 * 86_400_000) : 0;
  return Math.max(0, chain.time_to_expiry - elapsed);
}
