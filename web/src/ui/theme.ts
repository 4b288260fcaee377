import { Store } from '../state/store';

export type Theme = 'light' | 'dark';
const KEY = 'deltastream.theme';

function initial(): Theme {
  const saved = safeStorage()?.getItem(KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function safeStorage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

/** The colour theme, remembered across visits; charts read their colours from the CSS variables it switches. */
export const theme = new Store<Theme>(initial());

export function applyTheme(t: Theme): void {
  document.documentElement.dataset.theme = t;
}

theme.subscribe((t) => {
  applyTheme(t);
  safeStorage()?.setItem(KEY, t);
});

export function toggleTheme(): void {
  theme.set(theme.get() === 'dark' ? 'light' : 'dark');
}

/** The current value of a CSS variable of the theme (for canvas charts, which cannot use CSS). */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
