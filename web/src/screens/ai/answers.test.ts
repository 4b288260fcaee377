import { describe, expect, it } from 'vitest';
import { answerParts, figureLabel, readChat, readPulse } from './answers';

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

  it('labels a source by its title, heading path and file, as the service sends it', () => {
    const v = readChat({ answer: 'x', sources: [
      { source: 'README.md', title: 'DeltaStream', heading: 'Paper trading › Margin', score: 0.0312 },
      { source: 'knowledge/greeks.md', score: 0.02 },
      { title: '', heading: '', source: '' }] });
    expect(v.sources).toEqual([{ label: 'DeltaStream · Paper trading › Margin (README.md)', score: 0.0312 },
      { label: 'knowledge/greeks.md', score: 0.02 }]);
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

describe('answerParts', () => {
  it('splits a quoting answer at each passage\'s citation line', () => {
    const answer = 'No language model is configured, so this answer quotes the passages.\n\n'
      + 'From "Compatibility with the reference", Logging service (8005) (docs/compatibility.md):\n'
      + '| difference | why |\n| a | b |\n\n'
      + 'From "DeltaStream", Paper trading › Margin (README.md):\nShort options block **SPAN** margin.';
    expect(answerParts(answer)).toEqual([
      { cite: null, text: 'No language model is configured, so this answer quotes the passages.' },
      { cite: 'From "Compatibility with the reference", Logging service (8005) (docs/compatibility.md)',
        text: '| difference | why |\n| a | b |' },
      { cite: 'From "DeltaStream", Paper trading › Margin (README.md)', text: 'Short options block **SPAN** margin.' },
    ]);
  });

  it('keeps an answer without citations whole, and a "From" sentence inside a passage as text', () => {
    expect(answerParts('Delta is the first derivative.\nFrom "x" it follows (roughly): y')).toEqual([
      { cite: null, text: 'Delta is the first derivative.\nFrom "x" it follows (roughly): y' }]);
    expect(answerParts('')).toEqual([]);
  });
});
