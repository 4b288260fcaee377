import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { screenAt, screens, type ScreenEntry } from './screens';
import { navigate, route } from './state/route';
import { useStore } from './state/store';
import { live, type ConnectionState } from './live/live';
import { theme, toggleTheme } from './ui/theme';
import { NoticeBanner } from './ui/NoticeBanner';
import { reportError } from './ui/notices';
import { loadInstruments } from './state/products';

const loaded = new Map<string, ComponentType>();

/** The shell: header (brand, nav, connection state, theme), the shared notice banner, and the current screen. */
export function App() {
  const r = useStore(route);
  const current = screenAt(r.path);
  useEffect(() => {
    loadInstruments();
  }, []);
  return (
    <div class="shell">
      <header class="top">
        <a class="brand" href="/" onClick={(e) => go(e, screens[0])}>
          Δ DeltaStream
        </a>
        <nav aria-label="Screens">
          {screens.map((s) => (
            <a
              key={s.path}
              href={s.path}
              title={s.description}
              aria-current={s === current ? 'page' : undefined}
              onClick={(e) => go(e, s)}
            >
              {s.title}
            </a>
          ))}
        </nav>
        <div class="top-right">
          <Connection />
          <ThemeToggle />
        </div>
      </header>
      <NoticeBanner />
      <main>
        <ScreenHost entry={current} />
      </main>
    </div>
  );
}

function go(e: MouseEvent, s: ScreenEntry) {
  if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  const keep: Record<string, string> = {};
  const product = route.get().query.get('product');
  if (product) keep.product = product;
  navigate(s.path, keep);
}

function ScreenHost({ entry }: { entry: ScreenEntry }) {
  const [, setTick] = useState(0);
  const Screen = loaded.get(entry.path);
  useEffect(() => {
    if (loaded.has(entry.path)) return;
    let cancelled = false;
    entry
      .load()
      .then((m) => {
        loaded.set(entry.path, m.default);
        if (!cancelled) setTick((t) => t + 1);
      })
      .catch(reportError);
    return () => {
      cancelled = true;
    };
  }, [entry]);
  return Screen ? <Screen /> : <p class="loading">Loading {entry.title}…</p>;
}

const STATE_TEXT: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

function Connection() {
  const state = useStore(live().state);
  return (
    <span class={`conn conn-${state}`} role="status" aria-live="polite" data-state={state}>
      <span class="conn-dot" aria-hidden="true" />
      {STATE_TEXT[state]}
    </span>
  );
}

function ThemeToggle() {
  const t = useStore(theme);
  return (
    <button type="button" class="icon-button" onClick={toggleTheme} aria-label={`Switch to ${t === 'dark' ? 'light' : 'dark'} theme`}>
      {t === 'dark' ? '☀' : '☾'}
    </button>
  );
}
