import type { JsonObject, JsonValue } from '@cohort/notebook';
import type { Loader } from 'vega';
import type { Result, VisualizationSpec } from 'vega-embed';
import { splitChartData } from './chart-data.ts';
import { chartTheme } from './chart-theme.ts';
import type { ColorScheme } from './html-frame-document.ts';
import { sameJson } from './same-json.ts';

/** A chart whose shape keeps changing is rebuilt at most this often; data-only changes are applied as they come. */
const REBUILD_INTERVAL_MS = 250;

// User content must not make the browser fetch anything (with the user's cookies, or to tell
// someone the notebook was opened): specs bring their data inline.
const refuse = () => Promise.reject(new Error('Charts in outputs cannot load external data or images'));
const noNetwork: Loader = { load: refuse, sanitize: refuse, http: refuse, file: refuse };

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One Vega-Lite output, kept up to date in place. Updates are coalesced (only the latest spec is
 * drawn when several arrive during one draw); when only the data changed, the same view takes
 * the new values (`view.data`), so a live training curve redraws without rebuilding.
 */
export class LiveChart {
  readonly #host: HTMLElement;
  readonly #onError: (message: string | null) => void;
  #embedded: { result: Result; container: HTMLElement; shape: JsonObject; datasets: Record<string, JsonValue[]>; scheme: ColorScheme } | null = null;
  #pending: { spec: JsonObject; scheme: ColorScheme } | null = null;
  #drawing = false;
  #disposed = false;
  #lastBuild = -Infinity;

  constructor(host: HTMLElement, onError: (message: string | null) => void) {
    this.#host = host;
    this.#onError = onError;
  }

  show(spec: JsonObject, scheme: ColorScheme): void {
    this.#pending = { spec, scheme };
    if (!this.#drawing) void this.#drain();
  }

  /** Finalizes the view (timers, listeners, tooltip); an embed still in flight is finalized when it lands. */
  dispose(): void {
    this.#disposed = true;
    this.#pending = null;
    this.#embedded?.result.finalize();
    this.#embedded = null;
  }

  async #drain(): Promise<void> {
    this.#drawing = true;
    try {
      while (this.#pending && !this.#disposed) {
        const next = this.#pending;
        this.#pending = null;
        try {
          await this.#draw(next.spec, next.scheme);
          this.#onError(null);
        } catch (error) {
          if (!this.#disposed) this.#onError(error instanceof Error ? error.message : String(error));
        }
      }
    } finally {
      this.#drawing = false;
    }
  }

  async #draw(spec: JsonObject, scheme: ColorScheme): Promise<void> {
    const parts = splitChartData(spec);
    const current = this.#embedded;
    if (current && current.scheme === scheme && sameJson(current.shape, parts.shape)) {
      for (const [name, values] of Object.entries(parts.datasets)) {
        if (!sameJson(current.datasets[name], values)) current.result.view.data(name, values);
      }
      current.datasets = parts.datasets;
      await current.result.view.runAsync();
      return;
    }
    const sinceBuild = performance.now() - this.#lastBuild;
    if (sinceBuild < REBUILD_INTERVAL_MS) {
      await wait(REBUILD_INTERVAL_MS - sinceBuild);
      // A newer spec arrived meanwhile: draw that one instead.
      if (this.#pending || this.#disposed) return;
    }
    this.#lastBuild = performance.now();
    const { default: embed } = await import('vega-embed');
    // The new view is built beside the old one and swapped in when drawn, so the chart never blinks.
    const container = document.createElement('div');
    container.hidden = true;
    this.#host.append(container);
    let result: Result;
    try {
      result = await embed(container, parts.spec as VisualizationSpec, {
        mode: 'vega-lite',
        renderer: 'svg',
        actions: false,
        defaultStyle: false,
        loader: noNetwork,
        config: chartTheme(scheme),
      });
    } catch (error) {
      container.remove();
      throw error;
    }
    if (this.#disposed) {
      result.finalize();
      container.remove();
      return;
    }
    container.hidden = false;
    if (current) {
      current.result.finalize();
      current.container.remove();
    }
    this.#embedded = { result, container, shape: parts.shape, datasets: parts.datasets, scheme };
  }
}
