import { describe, expect, it } from 'vitest';
import { nearestIndex, spotRow, strikeWindow } from './window';

const strikes = Array.from({ length: 101 }, (_, i) => 20000 + i * 50);

describe('strike window', () => {
  it('centres on the strike nearest to spot', () => {
    const [from, to] = strikeWindow(strikes, 22512, 21);
    expect(to - from).toBe(21);
    expect(strikes[from + 10]).toBe(22500);
  });

  it('shifts inwards at the ends of the chain', () => {
    expect(strikeWindow(strikes, 19000, 21)).toEqual([0, 21]);
    expect(strikeWindow(strikes, 99999, 21)).toEqual([80, 101]);
  });

  it('shows the whole chain when it is smaller than the window', () => {
    expect(strikeWindow(strikes.slice(0, 15), 20300, 21)).toEqual([0, 15]);
  });

  it('breaks ties towards the lower strike', () => {
    expect(nearestIndex([100, 110, 120], 115)).toBe(1);
    expect(nearestIndex([100, 110, 120], 116)).toBe(2);
  });

  it('places the spot line after the strikes below spot', () => {
    expect(spotRow(strikes, 20120, 0, 10)).toBe(3);
    expect(spotRow(strikes, 19000, 0, 10)).toBe(0);
    expect(spotRow(strikes, 99999, 5, 10)).toBe(5);
  });
});

describe('column order', () => {
  it('mirrors the call side for puts but keeps bid left of ask', async () => {
    const { COLUMNS, putOrder } = await import('./columns');
    const calls = COLUMNS.filter((c) => ['oi', 'iv', 'last', 'bid', 'ask'].includes(c.id));
    expect(calls.map((c) => c.id)).toEqual(['oi', 'iv', 'last', 'bid', 'ask']);
    expect(putOrder(calls).map((c) => c.id)).toEqual(['bid', 'ask', 'last', 'iv', 'oi']);
  });
});
