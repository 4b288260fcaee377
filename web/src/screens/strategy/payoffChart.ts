import { axis, baseOption, type ChartColors } from '../../charts/Chart';
import type { ChartOption } from '../../charts/echarts';
import type { PayoffCurves } from './payoff';

/**
 * The ECharts option of the payoff chart: P&L at expiry (the profit shaded green, the loss red) and today (T+0,
 * dashed) on one price axis, with the spot, the breakevens and the zero line marked. `format` writes a currency
 * amount. The shading is two area series of the curve clipped at zero (a visualMap split of one line fails in
 * ECharts 5.6 on a value x axis).
 */
export function payoffChartOption(curves: PayoffCurves, spot: number, breakevens: number[], colors: ChartColors,
                                  format: (v: number) => string): ChartOption {
  const pairs = (ys: number[]) => curves.underlying.map((x, i) => [x, ys[i]]);
  const shade = (id: string, ys: number[], color: string) => ({
    id, type: 'line', showSymbol: false, silent: true, tooltip: { show: false }, data: pairs(ys),
    lineStyle: { width: 0 }, areaStyle: { color, opacity: 0.16 },
  });
  const marks = [
    { xAxis: spot, name: 'Spot', lineStyle: { color: colors.spot, type: 'solid', width: 1.5 },
      label: { formatter: `Spot ${format(spot)}`, color: colors.spot, position: 'insideEndTop' } },
    ...breakevens.map((b) => ({ xAxis: b, name: 'Breakeven', lineStyle: { color: colors.muted, type: 'dotted' },
      label: { formatter: `BE ${format(b)}`, color: colors.muted, position: 'insideStartTop' } })),
  ];
  const base = baseOption(colors);
  const label = { color: colors.muted, hideOverlap: true, formatter: (v: number) => format(v) };
  return {
    ...base,
    grid: { left: 72, right: 24, top: 36, bottom: 40 },
    legend: { ...(base.legend as object), data: ['At expiry', 'Today (T+0)'] },
    tooltip: { ...(base.tooltip as object), valueFormatter: (v: number) => format(v) },
    xAxis: axis(colors, {
      type: 'value', min: curves.underlying[0], max: curves.underlying[curves.underlying.length - 1],
      name: 'Underlying at', nameLocation: 'middle', nameGap: 26, axisLabel: label,
    }),
    yAxis: axis(colors, { type: 'value', name: 'P&L', axisLabel: label }),
    series: [
      {
        name: 'At expiry', type: 'line', showSymbol: false, data: pairs(curves.atExpiry),
        lineStyle: { width: 2, color: colors.text }, itemStyle: { color: colors.text },
        markLine: { symbol: 'none', silent: true, data: [{ yAxis: 0, lineStyle: { color: colors.muted, type: 'solid' },
          label: { show: false } }, ...marks] },
      },
      {
        name: 'Today (T+0)', type: 'line', showSymbol: false, data: pairs(curves.today),
        lineStyle: { width: 1.5, type: 'dashed', color: colors.accent }, itemStyle: { color: colors.accent },
      },
      shade('profit', curves.atExpiry.map((y) => Math.max(y, 0)), colors.up),
      shade('loss', curves.atExpiry.map((y) => Math.min(y, 0)), colors.down),
    ],
  };
}
