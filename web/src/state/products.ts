import { Store } from './store';
import { api } from '../api/client';
import { reportError } from '../ui/notices';

/** A listed product's contract specification (GET /api/data/instruments). */
export interface Instrument {
  name: string;
  currency: string;
  lot_size: number;
  strike_interval: number;
  tick_size: number;
  exercise: string;
  timezone: string;
  expiry_time: string;
}

/** The product universe, loaded once per page; empty until it arrives. */
export const instruments = new Store<readonly Instrument[]>([]);
let loading: Promise<void> | null = null;

export function loadInstruments(): Promise<void> {
  loading ??= api
    .get<{ instruments: Instrument[] }>('/api/data/instruments')
    .then((r) => instruments.set(r.instruments))
    .catch((e) => {
      loading = null;
      reportError(e);
    });
  return loading;
}

/** The currency of `product` (USD until the universe has loaded). */
export function currencyOf(product: string): string {
  return instruments.get().find((i) => i.name === product)?.currency ?? 'USD';
}

export function instrument(product: string): Instrument | undefined {
  return instruments.get().find((i) => i.name === product);
}
