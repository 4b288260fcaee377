import { Store } from '../state/store';
import { ApiError, StaleSessionError } from '../api/client';

/** A message in the shared banner at the top of every screen. */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export const notices = new Store<readonly Notice[]>([]);
let nextId = 1;
const MAX_SHOWN = 4;

/**
 * Shows `error` as a readable message (the same text is not stacked twice). Aborted requests and 401 answers for a
 * session that has since ended are not errors the user can act on, so they are not shown.
 */
export function reportError(error: unknown): void {
  if (error instanceof DOMException && error.name === 'AbortError') return;
  if (error instanceof StaleSessionError) return;
  const text = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  notify('error', text);
}

export function notify(kind: Notice['kind'], text: string): void {
  notices.update((list) => {
    if (list.some((n) => n.text === text)) return list;
    return [...list, { id: nextId++, kind, text }].slice(-MAX_SHOWN);
  });
}

export function dismiss(id: number): void {
  notices.update((list) => list.filter((n) => n.id !== id));
}
