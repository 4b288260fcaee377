/**
 * Readers of the AI analyst's answers. The service's answer has grown over time (`answer`, `sources`, `data`,
 * `source`) and may grow again, so each field is read only when it has the expected shape and the rest is ignored.
 */
export interface PulseView {
  product: string;
  analysis: string;
  /** Bullish, Bearish or Neutral when the service says so */
  sentiment: string | null;
  /** labelled figures, in the order the service sent them */
  figures: Array<{ key: string; value: number | string }>;
  source: string | null;
}

export interface ChatSource {
  label: string;
  score: number | null;
}

export interface ChatView {
  text: string;
  sources: ChatSource[];
  /** scalar figures the service attached, if any */
  figures: Array<{ key: string; value: number | string }>;
  source: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function figuresOf(data: unknown): Array<{ key: string; value: number | string }> {
  if (!isRecord(data)) {
    return [];
  }
  return Object.entries(data)
    .filter((e): e is [string, number | string] =>
      (typeof e[1] === 'number' && Number.isFinite(e[1])) || typeof e[1] === 'string')
    .map(([key, value]) => ({ key, value }));
}

/** Figures sent under two names (the reference's and the dashboard's): the reference's is dropped. */
const ALIASES: Record<string, string> = { pcr: 'pcr_oi', pcr_vol: 'pcr_volume' };

export function readPulse(body: unknown): PulseView {
  const b = isRecord(body) ? body : {};
  const all = figuresOf(b.data);
  const keys = new Set(all.map((f) => f.key));
  const sentiment = all.find((f) => f.key === 'sentiment')?.value;
  return {
    product: typeof b.product === 'string' ? b.product : '',
    analysis: typeof b.analysis === 'string' ? b.analysis : '',
    sentiment: typeof sentiment === 'string' ? sentiment : null,
    figures: all.filter((f) => f.key !== 'sentiment' && !(ALIASES[f.key] && keys.has(ALIASES[f.key]))),
    source: typeof b.source === 'string' ? b.source : null,
  };
}

export function readChat(body: unknown): ChatView {
  const b = isRecord(body) ? body : {};
  const text = typeof b.answer === 'string' ? b.answer
    : typeof b.response === 'string' ? b.response
      : typeof b.analysis === 'string' ? b.analysis : '';
  const sources = Array.isArray(b.sources) ? b.sources.flatMap((s): ChatSource[] => {
    if (typeof s === 'string') {
      return [{ label: s, score: null }];
    }
    if (!isRecord(s)) {
      return [];
    }
    const label = [s.document ?? s.title ?? s.url, s.section].filter((x) => typeof x === 'string' && x !== '')
      .join(' · ');
    return label === '' ? [] : [{ label, score: typeof s.score === 'number' ? s.score : null }];
  }) : [];
  return { text, sources, figures: figuresOf(b.data), source: typeof b.source === 'string' ? b.source : null };
}

/** `pcr_oi` → `PCR (OI)`, `max_pain_strike` → `Max pain strike`: a figure's name as a label. */
export function figureLabel(key: string): string {
  const words = key.split('_').map((w) => (['pcr', 'oi', 'iv', 'atm', 'vol'].includes(w) ? w.toUpperCase() : w));
  const [first, ...rest] = words;
  const head = first === undefined ? '' : first.charAt(0).toUpperCase() + first.slice(1);
  return [head, ...rest].join(' ').replace(/^PCR OI$/, 'PCR (OI)').replace(/^PCR VOL(UME)?$/i, 'PCR (volume)');
}
