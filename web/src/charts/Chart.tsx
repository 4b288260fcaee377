import { useEffect, useRef } from 'preact/hooks';
import { echarts, type ChartOption } from './echarts';
import { useStore } from '../state/store';
import { cssVar, theme } from '../ui/theme';

/** The theme's colours for charts (canvas cannot read CSS variables itself). */
export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  call: string;
  put: string;
  up: string;
  down: string;
  spot: string;
  accent: string;
  panel: string;
}

export function chartColors(): ChartColors {
  return {
    text: cssVar('--text'), muted: cssVar('--muted'), grid: cssVar('--grid'), call: cssVar('--call'),
    put: cssVar('--put'), up: cssVar('--up'), down: cssVar('--down'), spot: cssVar('--spot'),
    accent: cssVar('--accent'), panel: cssVar('--panel'),
  };
}

/** Axis and text styling shared by every chart. */
export function baseOption(c: ChartColors): ChartOption {
  return {
    animation: false,
    textStyle: { color: c.text, fontSize: 11 },
    grid: { left: 56, right: 16, top: 28, bottom: 28, containLabel: false },
    tooltip: { trigger: 'axis', backgroundColor: c.panel, borderColor: c.grid, textStyle: { color: c.text } },
    legend: { top: 0, right: 8, textStyle: { color: c.muted }, itemWidth: 14, itemHeight: 8 },
  };
}

export function axis(c: ChartColors, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    axisLine: { lineStyle: { color: c.grid } },
    axisTick: { lineStyle: { color: c.grid } },
    axisLabel: { color: c.muted, hideOverlap: true },
    splitLine: { lineStyle: { color: c.grid } },
    nameTextStyle: { color: c.muted },
    ...extra,
  };
}

/**
 * One ECharts instance in a div. `build` makes the option from the theme's colours; it runs again when the data
 * (`deps`) or the theme changes, and the chart is updated in place (no re-creation).
 */
export function Chart({ build, deps, height = 260, label }: {
  build: (c: ChartColors) => ChartOption | null;
  deps: unknown[];
  height?: number;
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const t = useStore(theme);

  useEffect(() => {
    const instance = echarts.init(el.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const option = build(chartColors());
    if (!option) return;
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
    // What is drawn, readable without the canvas (browser tests, curious users): "series name:points,...".
    const series = (option.series ?? []) as { name?: string; data?: unknown[] }[];
    el.current!.dataset.series = series.map((x) => `${x.name ?? ''}:${x.data?.length ?? 0}`).join(',');
  }, [...deps, t]);

  return <div ref={el} class="chart" role="img" aria-label={label} style={{ height: `${height}px` }} />;
}
