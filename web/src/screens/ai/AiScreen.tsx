import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { count, decimal, price, vol } from '../../format/numbers';
import { currencyOf, instruments } from '../../state/products';
import { route } from '../../state/route';
import { useStore } from '../../state/store';
import { ProductSelect } from '../shared/Pickers';
import { Markdown } from '../../ui/Markdown';
import { answerParts, type ChatView, figureLabel, type PulseView, readChat, readPulse } from './answers';
import '../shared/forms.css';
import './ai.css';

interface Exchange {
  question: string;
  answer: ChatView | null;
  error: string | null;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

const PRICES = new Set(['max_pain_strike', 'atm_strike', 'atm_straddle_price', 'spot_price', 'spot', 'support',
  'resistance', 'expected_move']);

/** A figure as a trader reads it: prices in the product's currency grouping, IVs in percent, ratios to 2 places. */
function figureText(key: string, value: number | string, currency: string): string {
  if (typeof value === 'string') {
    return value;
  }
  if (key.endsWith('_iv') || key === 'iv') {
    return vol(value);
  }
  if (PRICES.has(key)) {
    return price(value, currency);
  }
  return Number.isInteger(value) ? count(value, currency) : decimal(value, 2);
}

/** The AI analyst: the market pulse of the selected product, and questions answered from the project's docs. */
export default function AiScreen() {
  const r = useStore(route);
  const products = useStore(instruments);
  const product = r.query.get('product') ?? products[0]?.name ?? 'NIFTY';
  const currency = currencyOf(product);
  const [pulse, setPulse] = useState<PulseView | null>(null);
  const [pulseError, setPulseError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [question, setQuestion] = useState('');
  const [history, setHistory] = useState<Exchange[]>([]);
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    setPulse(null);
    setPulseError(null);
    api.get<unknown>('/api/ai/pulse', { query: { product }, signal: abort.signal })
      .then((b) => setPulse(readPulse(b)))
      .catch((e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) {
          setPulseError(errorText(e));
        }
      });
    return () => abort.abort();
  }, [product, reload]);

  const ask = async (e: Event) => {
    e.preventDefault();
    const q = question.trim();
    if (q === '') {
      return;
    }
    setAsking(true);
    setQuestion('');
    setHistory((h) => [{ question: q, answer: null, error: null }, ...h]);
    let done: Exchange;
    try {
      done = { question: q, answer: readChat(await api.post<unknown>('/api/ai/chat', { query: q })), error: null };
    } catch (err) {
      done = { question: q, answer: null, error: errorText(err) };
    }
    setHistory((h) => h.map((x, i) => (i === 0 ? done : x)));
    setAsking(false);
  };

  return (
    <section aria-labelledby="ai-title" class="ai">
      <div class="toolbar">
        <h1 id="ai-title" class="screen-title">AI analyst</h1>
        <ProductSelect products={products} product={product} />
        <button type="button" class="button" onClick={() => setReload((n) => n + 1)}>Refresh pulse</button>
      </div>
      <div class="ai-grid">
        <div class="panel pulse" data-testid="pulse" aria-live="polite">
          <h2>Market pulse · {product}{pulse?.source ? ` · ${pulse.source === 'rules' ? 'rule-based reading'
            : pulse.source}` : ''}
            {pulse?.sentiment && <span class={`sentiment sentiment-${pulse.sentiment.toLowerCase()}`}>
              {pulse.sentiment}</span>}
          </h2>
          {pulseError && <p class="form-error" role="alert">{pulseError}</p>}
          {!pulse && !pulseError && <p class="loading">Reading the {product} market…</p>}
          {pulse && <>
            <p class="analysis">{pulse.analysis}</p>
            {pulse.figures.length > 0 && (
              <dl class="figures">
                {pulse.figures.map((f) => (
                  <div key={f.key} class="stat"><dt><small>{figureLabel(f.key)}</small></dt>
                    <dd><b>{figureText(f.key, f.value, currency)}</b></dd></div>
                ))}
              </dl>
            )}
          </>}
        </div>
        <div class="panel chat">
          <h2>Ask the analyst</h2>
          <form class="chat-form" onSubmit={ask}>
            <label for="chat-question" class="sr-only">Question</label>
            <textarea id="chat-question" rows={2} maxLength={1000} value={question}
                      placeholder="e.g. How is margin computed? What does PCR mean?"
                      onInput={(e) => setQuestion((e.target as HTMLTextAreaElement).value)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' && !e.shiftKey) {
                          void ask(e);
                        }
                      }} />
            <button type="submit" class="button primary" disabled={asking || question.trim() === ''}>
              {asking ? 'Asking…' : 'Ask'}</button>
          </form>
          <ol class="chat-history" data-testid="chat-history">
            {history.map((x, i) => (
              <li key={history.length - i}>
                <p class="question">{x.question}</p>
                {x.error && <p class="form-error" role="alert">{x.error}</p>}
                {!x.error && !x.answer && <p class="loading">Thinking…</p>}
                {x.answer && <>
                  {x.answer.text ? <div class="answer">{answerParts(x.answer.text).map((part, k) => <Fragment key={k}>
                    {part.cite && <p class="cite">{part.cite}</p>}
                    {part.text && <Markdown text={part.text} />}
                  </Fragment>)}</div> : <p class="answer">The analyst gave no answer.</p>}
                  {x.answer.figures.length > 0 && (
                    <dl class="figures">
                      {x.answer.figures.map((f) => (
                        <div key={f.key} class="stat"><dt><small>{figureLabel(f.key)}</small></dt>
                          <dd><b>{figureText(f.key, f.value, currency)}</b></dd></div>
                      ))}
                    </dl>
                  )}
                  {x.answer.sources.length > 0 && (
                    <p class="sources muted">Sources: {x.answer.sources.map((s) => s.label
                      + (s.score === null ? '' : ` (${s.score.toFixed(2)})`)).join('; ')}</p>
                  )}
                </>}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
