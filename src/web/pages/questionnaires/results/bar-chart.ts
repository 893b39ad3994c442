/**
 * Chart.js with only what a horizontal bar chart needs (tree-shaken), in a module the results
 * pages import on demand: no other page downloads it.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale);

export interface Bars {
  readonly labels: readonly string[];
  readonly values: readonly number[];
  /** The largest value the axis shows: 100 for percentages. */
  readonly max?: number;
}

/**
 * A label on lines of about `width` characters, cut between words: on a phone, a long choice on
 * one line was wider than the axis gives its labels and lost its beginning.
 */
function lines(label: string, width = 20): string | string[] {
  const cut: string[] = [];
  for (const word of label.split(/\s+/)) {
    const last = cut.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) cut[cut.length - 1] = `${last} ${word}`;
    else cut.push(word);
  }
  return cut.length > 1 ? cut : label;
}

/** Draws the bars on the canvas; the returned chart is updated in place as answers arrive. */
export function drawBars(canvas: HTMLCanvasElement, bars: Bars): Chart<'bar'> {
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: bars.labels.map((label) => lines(label)), datasets: [{ data: [...bars.values], backgroundColor: '#2f6f4f', borderRadius: 3, maxBarThickness: 28 }] },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      // The table after the chart carries the figures; the chart is for the eye.
      events: [],
      // Whoever asked their system for less motion gets the bars at once, as they are.
      animation: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? false : { duration: 300 },
      scales: { x: { beginAtZero: true, ...(bars.max !== undefined && { max: bars.max }), ticks: { precision: 0 } }, y: { ticks: { autoSkip: false } } },
    },
  });
}

export function updateBars(chart: Chart<'bar'>, bars: Bars): void {
  chart.data.labels = bars.labels.map((label) => lines(label));
  chart.data.datasets[0]!.data = [...bars.values];
  if (bars.max !== undefined) chart.options.scales!['x']!.max = bars.max;
  chart.update();
}
