import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * The home team's win probability after each play, drawn (uPlot: a canvas, ~20 KB gzipped).
 * One point per play; `data-points` says how many, for tests and screen readers.
 */
export function WpChart(props: { points: number[]; home: string; away: string }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const width = () => Math.max(260, box.current!.clientWidth);
    plot.current = new uPlot({
      width: width(), height: 180, legend: { show: false }, cursor: { show: false },
      scales: { x: { time: false }, y: { range: [0, 1] } },
      axes: [{ label: 'play' }, { values: (_u, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`), size: 56 }],
      series: [{}, { label: `${props.home} win %`, stroke: '#1f7a4d', width: 2, fill: 'rgba(31,122,77,0.12)' }],
    }, [[], []], box.current);
    const resize = () => plot.current?.setSize({ width: width(), height: 180 });
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); plot.current?.destroy(); };
  }, []);
  useEffect(() => {
    plot.current?.setData([props.points.map((_, i) => i + 1), props.points]);
  }, [props.points]);
  return (
    <section class="card" aria-label="Win probability">
      <h3>Win probability <small class="muted">{props.home} (home) above 50%, {props.away} below</small></h3>
      <div ref={box} class="wp-chart" data-testid="wp-chart" data-points={props.points.length} />
    </section>
  );
}
