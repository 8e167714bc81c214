/**
 * Live progress bars and training charts: one display each, updated in place (update_display_data)
 * at most 10 times a second, the final state always sent.
 */
import type { CustomCallbackArgs, Logs } from '@tensorflow/tfjs';
import { escapeHtml } from './table.ts';
import { createThrottle, type OutputTarget } from './output-target.ts';

const UPDATE_INTERVAL_MS = 100;
const BAR_WIDTH = 30;
/** Points kept per metric; beyond it every other point is dropped, so the spec stays small. */
const MAX_POINTS_PER_METRIC = 1000;

export interface ProgressBar {
  update(done: number): void;
  increment(step?: number): void;
  close(): void;
}

/** A progress bar, plus `flush`: send the current state now (the training chart's final update). */
export function createProgressBar(target: OutputTarget, total: number, options: { label?: string } = {}): ProgressBar & { flush(): void } {
  if (!(Number.isFinite(total) && total > 0)) throw new RangeError(`progress() takes a positive total, got ${total}`);
  const label = options.label ?? '';
  let done = 0;
  const representation = () => {
    const fraction = Math.min(1, done / total);
    const percent = `${Math.floor(fraction * 100)}%`;
    const filled = Math.round(fraction * BAR_WIDTH);
    const prefix = label ? `${label} ` : '';
    return {
      data: {
        'text/html': `<div>${escapeHtml(prefix)}<progress value="${done}" max="${total}"></progress> ${done}/${total} (${percent})</div>`,
        'text/plain': `${prefix}[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total} (${percent})`,
      },
      metadata: {},
    };
  };
  const displayId = target.display(representation());
  const throttle = createThrottle(() => target.update(displayId, representation()), UPDATE_INTERVAL_MS);
  return {
    update(value) {
      done = Math.max(0, Math.min(total, value));
      throttle.request();
    },
    increment(step = 1) {
      this.update(done + step);
    },
    close() {
      done = total;
      throttle.flush();
    },
    flush: throttle.flush,
  };
}

export interface TrainingChartOptions {
  metrics?: string[];
  every?: 'batch' | 'epoch';
  title?: string;
}

interface ChartPoint {
  [axis: string]: number | string;
  metric: string;
  value: number;
}

/**
 * What tfjs binds `this` to in CustomCallbackArgs functions: the CustomCallback, with fit's params
 * (epochs, steps or samples). It never gets the model in tfjs 4.22 (BaseCallback.setModel is a
 * no-op), so an interrupt cannot set `model.stopTraining`; the next callback throws instead, which
 * ends fit at the end of the batch, and fit's own `finally` leaves the model ready to train again.
 */
interface CallbackThis {
  params?: Record<string, unknown>;
}

export function createTrainingChart(target: OutputTarget, options: TrainingChartOptions = {}): CustomCallbackArgs {
  const every = options.every ?? 'epoch';
  const points: ChartPoint[] = [];
  let chartId: string | undefined;
  let progress: ReturnType<typeof createProgressBar> | undefined;
  let stepsDone = 0;

  const spec = () => ({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    ...(options.title ? { title: options.title } : {}),
    width: 400,
    height: 200,
    data: { values: points },
    mark: { type: 'line', point: points.length <= 60 },
    encoding: {
      x: { field: every, type: 'quantitative', title: every },
      y: { field: 'value', type: 'quantitative', title: 'value' },
      color: { field: 'metric', type: 'nominal', title: 'metric' },
    },
  });
  const representation = () => {
    const latest = new Map(points.map((point) => [point.metric, point.value]));
    const summary = [...latest].map(([metric, value]) => `${metric}=${value.toPrecision(4)}`).join(' ');
    return { data: { 'application/vnd.vegalite.v5+json': spec(), 'text/plain': `[training chart] ${summary}`.trimEnd() }, metadata: {} };
  };
  const throttle = createThrottle(() => {
    if (chartId !== undefined) target.update(chartId, representation());
  }, UPDATE_INTERVAL_MS);

  const stopIfInterrupted = () => {
    if (target.interrupted) throw new Error('KeyboardInterrupt: training stopped');
  };
  const record = (x: number, logs: Logs | undefined) => {
    for (const [metric, value] of Object.entries(logs ?? {})) {
      if (metric === 'batch' || metric === 'size' || typeof value !== 'number') continue;
      if (options.metrics && !options.metrics.includes(metric)) continue;
      points.push({ [every]: x, metric, value });
    }
    const perMetric = points.filter((point) => point.metric === points.at(-1)?.metric).length;
    if (perMetric > MAX_POINTS_PER_METRIC) {
      const thinned = points.filter((point, index) => index % 2 === 1 || point[every] === x);
      points.splice(0, points.length, ...thinned);
    }
    throttle.request();
  };

  return {
    onTrainBegin(this: CallbackThis) {
      stopIfInterrupted();
      chartId = target.display(representation());
      const epochs = Number(this.params?.['epochs']) || 1;
      const stepsPerEpoch = Number(this.params?.['steps'] ?? this.params?.['batchesPerEpoch']) || 0;
      const total = every === 'batch' && stepsPerEpoch > 0 ? epochs * stepsPerEpoch : epochs;
      progress = createProgressBar(target, total, { label: every === 'batch' && stepsPerEpoch > 0 ? 'batch' : 'epoch' });
    },
    onBatchBegin: stopIfInterrupted,
    onBatchEnd(_batch: number, logs?: Logs) {
      stepsDone++;
      stopIfInterrupted();
      if (every === 'batch') {
        record(stepsDone, logs);
        progress?.update(stepsDone);
      }
    },
    onEpochEnd(epoch: number, logs?: Logs) {
      stopIfInterrupted();
      if (every === 'epoch') {
        record(epoch + 1, logs);
        progress?.update(epoch + 1);
      }
    },
    onTrainEnd() {
      throttle.flush();
      progress?.flush();
    },
  };
}
