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
    const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    // The service names a passage by its document's title, its heading path and its file (`source`); the
    // reference by `document` and `section`.
    const where = text(s.document) ?? text(s.title) ?? text(s.url);
    const file = text(s.source);
    const label = [where ?? file, text(s.section) ?? text(s.heading)].filter((x) => x !== null).join(' · ')
      + (where !== null && file !== null && file !== where ? ` (${file})` : '');
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

/** One part of a chat answer: the passage quoted, after the line that says where it comes from (null before any). */
export interface AnswerPart {
  cite: string | null;
  text: string;
}

/** `From "Title", Heading › Sub (docs/file.md):` — how the service introduces each passage it quotes. */
const CITE = /^From ".+"(?:, .+)? \([^()\s]+\):$/;

/**
 * Splits an answer at the lines that introduce a quoted passage, so that each citation is shown as such and each
 * passage's Markdown is read on its own (a table right under its citation, not run into it).
 */
export function answerParts(text: string): AnswerPart[] {
  const parts: AnswerPart[] = [];
  let current: AnswerPart = { cite: null, text: '' };
  const lines: string[] = [];
  const close = () => {
    current.text = lines.join('\n').trim();
    if (current.cite !== null || current.text !== '') parts.push(current);
    lines.length = 0;
  };
  for (const line of text.split('\n')) {
    if (CITE.test(line.trim())) {
      close();
      current = { cite: line.trim().slice(0, -1), text: '' };
    } else {
      lines.push(line);
    }
  }
  close();
  return parts;
}
