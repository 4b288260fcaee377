import { describe, expect, it } from 'vitest';
import { figureLabel, readChat, readPulse } from './answers';

describe('readPulse', () => {
  it('keeps the analysis and the scalar figures in order', () => {
    const v = readPulse({ product: 'NIFTY', analysis: 'NIFTY, expiry ...', source: 'rules',
      data: { pcr: 1.1, pcr_oi: 1.1, max_pain_strike: 21500, atm_iv: null, expiry: '2026-12-08', nested: { a: 1 },
        sentiment: 'Neutral' } });
    expect(v).toEqual({ product: 'NIFTY', analysis: 'NIFTY, expiry ...', source: 'rules', sentiment: 'Neutral', figures: [
      { key: 'pcr_oi', value: 1.1 }, { key: 'max_pain_strike', value: 21500 }, { key: 'expiry', value: '2026-12-08' }] });
  });

  it('keeps the reference\'s name of a figure when it comes alone', () => {
    expect(readPulse({ data: { pcr: 0.9 } }).figures).toEqual([{ key: 'pcr', value: 0.9 }]);
  });

  it('survives an answer without data or of the wrong shape', () => {
    expect(readPulse({ product: 'X', analysis: 'No live chain', data: {} }).figures).toEqual([]);
    expect(readPulse('oops')).toEqual({ product: '', analysis: '', sentiment: null, figures: [], source: null });
  });
});

describe('readChat', () => {
  it('reads answer, sources with scores, data and source', () => {
    const v = readChat({ answer: 'From README:\n...', source: 'retrieval', data: { spot: 21500 },
      sources: [{ document: 'README.md', section: 'Trade simulator', score: 0.61 }, 'docs/performance.md', 7] });
    expect(v).toEqual({ text: 'From README:\n...', source: 'retrieval', figures: [{ key: 'spot', value: 21500 }],
      sources: [{ label: 'README.md · Trade simulator', score: 0.61 }, { label: 'docs/performance.md', score: null }] });
  });

  it('accepts the reference\'s response field', () => {
    expect(readChat({ response: 'hello' }).text).toBe('hello');
    expect(readChat(null).text).toBe('');
  });
});

describe('figureLabel', () => {
  it('spells figure names as labels', () => {
    expect(figureLabel('pcr_oi')).toBe('PCR (OI)');
    expect(figureLabel('pcr_vol')).toBe('PCR (volume)');
    expect(figureLabel('max_pain_strike')).toBe('Max pain strike');
    expect(figureLabel('atm_iv')).toBe('ATM IV');
  });
});
