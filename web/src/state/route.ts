import { Store } from './store';

/** The page's location: the path selects the screen, the query holds its selections (product, expiry, ...). */
export interface Route {
  path: string;
  query: URLSearchParams;
}

function read(): Route {
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

export const route = new Store<Route>(read());

addEventListener('popstate', () => route.set(read()));

/** Goes to `path` with `query` (history entry; the gateway's SPA fallback serves any such path on reload). */
export function navigate(path: string, query: Record<string, string> = {}): void {
  const q = new URLSearchParams(query).toString();
  history.pushState(null, '', q ? `${path}?${q}` : path);
  route.set(read());
}

/** Changes query parameters of the current screen without a new history entry (selection changes). */
export function setQuery(changes: Record<string, string | undefined>): void {
  const query = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) query.delete(k);
    else query.set(k, v);
  }
  const q = query.toString();
  history.replaceState(null, '', q ? `${location.pathname}?${q}` : location.pathname);
  route.set(read());
}
