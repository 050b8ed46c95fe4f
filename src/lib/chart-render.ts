import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { Locale } from '../i18n/ui';
import { number } from './format';

/**
 * Draws one chart from the JSON its <canvas data-chart> carries (written by Chart.astro).
 * Loaded on demand only, when a chart comes near the viewport; only the pieces used are registered.
 */
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);

export interface ChartData {
  type: 'bar' | 'line';
  horizontal: boolean;
  stacked: boolean;
  money: boolean;
  locale: Locale;
  labels: string[];
  series: Array<{ label: string; values: number[] }>;
}

// Each at least 4.5:1 on white; lines also differ by dash and point shape, never colour alone.
const COLORS = ['#b3261e', '#0b57d0', '#1e6b34', '#6a3d9a', '#8a4b00'];
const DASHES = [[], [8, 4], [2, 3], [12, 4, 2, 4]];
const POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot'] as const;

export function render(canvas: HTMLCanvasElement): void {
  const data = JSON.parse(canvas.dataset.chart ?? '{}') as ChartData;
  const root = document.documentElement;
  const format = (v: number) =>
    data.money ? `¥${number(v, data.locale, 2)}` : number(v, data.locale, 2);
  const fontSize = () => Math.round(parseFloat(getComputedStyle(root).fontSize) * 0.85);
  Chart.defaults.color = '#1a1a1a';
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = fontSize();
  const line = data.type === 'line';
  const valueAxis = {
    beginAtZero: true,
    stacked: data.stacked,
    grid: { color: '#d0d0d0' },
    ticks: { precision: 0, callback: (v: string | number) => format(Number(v)) },
  };
  const categoryAxis = {
    stacked: data.stacked,
    grid: { display: false },
    ticks: { maxRotation: 0, autoSkipPadding: 8 },
  };
  const config: ChartConfiguration<'bar' | 'line'> = {
    type: data.type,
    data: {
      labels: data.labels,
      datasets: data.series.map((s, i) => ({
        label: s.label,
        data: s.values,
        backgroundColor: COLORS[i % COLORS.length],
        borderColor: COLORS[i % COLORS.length],
        borderWidth: line ? 3 : 0,
        borderDash: line ? DASHES[i % DASHES.length] : [],
        pointStyle: POINTS[i % POINTS.length],
        pointRadius: line ? 4 : 0,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: matchMedia('(prefers-reduced-motion: reduce)').matches ? false : { duration: 400 },
      indexAxis: data.horizontal ? 'y' : 'x',
      plugins: {
        legend: {
          display: data.series.length > 1,
          labels: { usePointStyle: line, boxWidth: fontSize(), boxHeight: fontSize() * 0.7 },
        },
        tooltip: {
          callbacks: {
            label: (c) =>
              `${c.dataset.label ?? ''}: ${format(Number(data.horizontal ? c.parsed.x : c.parsed.y))}`,
          },
        },
      },
      scales: data.horizontal
        ? { x: valueAxis, y: categoryAxis }
        : { x: categoryAxis, y: valueAxis },
    },
  };
  const chart = new Chart(canvas, config);
  // The 长辈版 toggle changes the root font size: follow it.
  new MutationObserver(() => {
    Chart.defaults.font.size = fontSize();
    chart.update('none');
  }).observe(root, { attributes: true, attributeFilter: ['class'] });
}
