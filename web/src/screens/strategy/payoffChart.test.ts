import { describe, expect, it } from 'vitest';
import { payoffChartOption } from './payoffChart';

const colors = { text: 't', muted: 'm', grid: 'g', call: 'c', put: 'p', up: 'u', down: 'd', accent: 'a', spot: 's',
  panel: 'b' };
const curves = { underlying: [100, 110, 120], atExpiry: [-5, 0, 5], today: [-4, 1, 4], horizon: 0.1 };

describe('payoffChartOption', () => {
  const option = payoffChartOption(curves, 111, [110], colors, (v) => `$${v}`) as unknown as {
    series: Array<{ name?: string; id?: string; data: number[][]; areaStyle?: { color: string };
      markLine?: { data: Array<{ xAxis?: number; yAxis?: number }> } }>;
    xAxis: { min: number; max: number };
  };

  it('draws both curves on the price grid', () => {
    expect(option.series.slice(0, 2).map((s) => s.name)).toEqual(['At expiry', 'Today (T+0)']);
    expect(option.series[0].data).toEqual([[100, -5], [110, 0], [120, 5]]);
    expect(option.series[1].data).toEqual([[100, -4], [110, 1], [120, 4]]);
    expect([option.xAxis.min, option.xAxis.max]).toEqual([100, 120]);
  });

  it('marks zero, spot and breakevens', () => {
    const marks = option.series[0].markLine?.data ?? [];
    expect(marks.map((m) => m.yAxis ?? m.xAxis)).toEqual([0, 111, 110]);
  });

  it('shades the profit and the loss of the expiry curve', () => {
    const [profit, loss] = option.series.slice(2);
    expect([profit.id, profit.areaStyle?.color, profit.data]).toEqual(['profit', 'u', [[100, 0], [110, 0], [120, 5]]]);
    expect([loss.id, loss.areaStyle?.color, loss.data]).toEqual(['loss', 'd', [[100, -5], [110, 0], [120, 0]]]);
  });
});
