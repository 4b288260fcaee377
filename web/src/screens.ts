import type { ComponentType } from 'preact';

/**
 * The dashboard's screens, in nav order: ONE entry per screen. To add a screen, add an entry here; its module is
 * loaded only when the screen is first opened (one JS chunk per screen). The module's default export is the
 * screen's component; it receives no props and reads its selections from `state/route` (query parameters).
 */
export interface ScreenEntry {
  /** Path of the screen (the first entry is also served at `/`). */
  path: string;
  /** Nav label. */
  title: string;
  /** One-line description, shown as the nav tooltip. */
  description: string;
  load: () => Promise<{ default: ComponentType }>;
}

export const screens: ScreenEntry[] = [
  {
    path: '/overview',
    title: 'Overview',
    description: 'Every product: spot, change, ATM IV, PCR, max pain, expected move',
    load: () => import('./screens/overview/Overview'),
  },
  {
    path: '/chain',
    title: 'Option chain',
    description: 'Calls and puts around the money, live',
    load: () => import('./screens/chain/ChainScreen'),
  },
  {
    path: '/analytics',
    title: 'Analytics',
    description: 'Open interest, PCR, smile, surface and candles',
    load: () => import('./screens/analytics/Analytics'),
  },
  {
    path: '/strategy',
    title: 'Strategy',
    description: 'Legs from the chain or a template; payoff, breakevens, Greeks; place as orders',
    load: () => import('./screens/strategy/StrategyScreen'),
  },
  {
    path: '/trade',
    title: 'Paper trading',
    description: 'Order ticket, order book, positions with live P&L, trades, funds and risk',
    load: () => import('./screens/trading/TradingScreen'),
  },
  {
    path: '/ai',
    title: 'AI analyst',
    description: 'Market pulse of a product and questions answered from the docs',
    load: () => import('./screens/ai/AiScreen'),
  },
  {
    path: '/calculator',
    title: 'Calculator',
    description: 'Price, Greeks and implied volatility of one option',
    load: () => import('./screens/calculator/CalculatorScreen'),
  },
];

/** The screen shown at `path` (the first screen at `/` and at unknown paths). */
export function screenAt(path: string): ScreenEntry {
  return screens.find((s) => s.path === path) ?? screens[0];
}
