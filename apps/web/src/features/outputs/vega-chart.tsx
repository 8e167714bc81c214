'use client';

import { useEffect, useRef, useState } from 'react';
import type { JsonObject } from '@cohort/notebook';
import { LiveChart } from './live-chart.ts';
import { useColorScheme } from './use-color-scheme.ts';
import styles from './output-area.module.css';

/** A Vega-Lite output; vega is loaded on the first chart, not with the notebook page. */
export function VegaChart({ spec, label }: { spec: JsonObject; label: string }) {
  const scheme = useColorScheme();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<LiveChart | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const live = new LiveChart(host.current!, setError);
    chart.current = live;
    return () => {
      live.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.show(spec, scheme);
  }, [spec, scheme]);

  return (
    <div role="figure" aria-label={label} className={styles.chart}>
      <div ref={host} />
      {error && <p className={styles.notice}>Could not draw this chart: {error}</p>}
    </div>
  );
}
