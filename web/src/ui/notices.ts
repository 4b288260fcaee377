import { Store } from '../state/store';
import { ApiError } from '../api/client';

/** A message in the shared banner at the top of every screen. */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export const notices = new Store<readonly Notice[]>([]);
let nextId = 1;
const MAX_SHOWN = 4;

/** Shows `error` as a readable message (the same text is not stacked twice). */
export function reportError(error: unknown): void {
  if (error instanceof DOMException && error.name === 'AbortError') return;
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
