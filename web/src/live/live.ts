import { io, type Socket } from 'socket.io-client';
import { Store } from '../state/store';
import { session } from '../api/client';
import type { ChainSummary, EnrichedChain, UnderlyingUpdate } from '../api/types';

/** What the header shows: connecting (first time), live, reconnecting (was live, lost the connection). */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

/** Server events and their payloads (see README, "Socket gateway"). */
export interface LiveEvents {
  underlying_update: UnderlyingUpdate;
  chain_summary: ChainSummary;
  chain_update: EnrichedChain;
  order_update: Record<string, unknown>;
  trade: Record<string, unknown>;
  position_update: Record<string, unknown>;
  portfolio_update: Record<string, unknown>;
  error: { message: string; reason?: string };
}

/** A room: `product` and `chain` rooms are per product; `user` rooms are joined by the token. */
export type RoomType = 'product' | 'chain' | 'user';

/**
 * The one Socket.IO connection of the page. Reconnects by itself (Socket.IO's backoff) and re-sends every active
 * subscription after each reconnect; subscriptions are reference-counted so screens can come and go.
 */
export class LiveClient {
  readonly state = new Store<ConnectionState>('connecting');
  /** Messages received since the page opened, by event (for the header's tooltip and the benchmarks). */
  readonly received = new Map<string, number>();
  private readonly socket: Socket;
  private readonly rooms = new Map<string, number>();

  constructor(url: string) {
    this.socket = io(url, {
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
      auth: (cb) => cb(tokenAuth()),
    });
    this.socket.on('connect', () => {
      this.state.set('live');
      for (const key of this.rooms.keys()) this.socket.emit('subscribe', roomOf(key));
    });
    this.socket.on('disconnect', () => this.state.set('reconnecting'));
    this.socket.on('connect_error', () => {
      if (this.state.get() === 'live') this.state.set('reconnecting');
    });
    this.socket.onAny((event: string) => this.received.set(event, (this.received.get(event) ?? 0) + 1));
    let token = session.get()?.accessToken;
    session.subscribe((s) => {
      if (s?.accessToken === token) return;
      token = s?.accessToken;
      // A new token (login, refresh, logout) changes the user room: reconnect so the server sees it.
      this.socket.disconnect().connect();
    });
  }

  /** Joins a room until the returned function is called. */
  subscribe(type: RoomType, symbol: string): () => void {
    const key = `${type}|${symbol}`;
    const count = this.rooms.get(key) ?? 0;
    this.rooms.set(key, count + 1);
    if (count === 0 && this.socket.connected) this.socket.emit('subscribe', { type, symbol });
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const left = (this.rooms.get(key) ?? 1) - 1;
      if (left > 0) {
        this.rooms.set(key, left);
        return;
      }
      this.rooms.delete(key);
      if (this.socket.connected) this.socket.emit('unsubscribe', { type, symbol });
    };
  }

  /** Calls `handler` on every `event` until the returned function is called. */
  on<E extends keyof LiveEvents>(event: E, handler: (payload: LiveEvents[E]) => void): () => void {
    const h = handler as (payload: unknown) => void;
    this.socket.on(event as string, h);
    return () => {
      this.socket.off(event as string, h);
    };
  }
}

function roomOf(key: string): { type: string; symbol: string } {
  const i = key.indexOf('|');
  return { type: key.slice(0, i), symbol: key.slice(i + 1) };
}

function tokenAuth(): Record<string, string> {
  const token = session.get()?.accessToken;
  return token ? { token } : {};
}

/**
 * Where the socket gateway is: the URL the api-gateway wrote into the page's meta tag, else this host on port 8002
 * (a page served by `npm run dev`).
 */
export function socketUrl(doc: Document = document, loc: Location = location): string {
  const meta = doc.querySelector('meta[name="deltastream-socket-url"]')?.getAttribute('content')?.trim();
  if (meta) return meta;
  return `${loc.protocol}//${loc.hostname}:8002`;
}

let shared: LiveClient | null = null;

/** The page's live client, created on first use. */
export function live(): LiveClient {
  shared ??= new LiveClient(socketUrl());
  return shared;
}
