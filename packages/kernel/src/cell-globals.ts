/**
 * The declarations of what cell code sees besides its imports: the display API and the training
 * helpers the runtime installs on the kernel realm's global object. The editor gives this text to
 * TypeScript (IntelliSense); the runtime implements it (display.ts, training.ts). Kept free of
 * imports so the web app can load it without pulling in the runtime or TensorFlow.js.
 */
export const CELL_GLOBALS_DTS = `
/** A shown output; \`update\` replaces it in place (Jupyter's update_display_data). */
interface DisplayHandle {
  readonly id: string;
  update(value: unknown): void;
}

/** A value with an explicit rich representation, made by html(), markdown(), vegaLite() or image(). */
interface RichOutput {
  readonly mimeBundle: { [mimeType: string]: unknown };
}

/**
 * Shows a value below the cell: tensors as numpy prints them, arrays of records as a table,
 * ImageData as a PNG, a RichOutput as itself, anything else as text.
 */
declare function display(value: unknown): DisplayHandle;
/** HTML, shown in a sandboxed frame. */
declare function html(markup: string): RichOutput;
declare function markdown(text: string): RichOutput;
/** A Vega-Lite v5 specification, shown as a chart. */
declare function vegaLite(spec: object): RichOutput;
/** An image tensor ([height, width] or [height, width, 1 | 3 | 4]; values 0–1 for floats, 0–255 for ints) or ImageData, as a PNG. */
declare function image(source: import('@tensorflow/tfjs').Tensor | ImageData): RichOutput;

interface ProgressBar {
  /** Sets how much is done, out of the total. */
  update(done: number): void;
  increment(step?: number): void;
  /** Marks it complete. */
  close(): void;
}
/** A live progress bar. */
declare function progress(total: number, options?: { label?: string }): ProgressBar;

interface TrainingChartOptions {
  /** Logs to plot, e.g. ['loss', 'val_loss', 'acc']; default: every metric model.fit reports. */
  metrics?: string[];
  /** Plot a point per batch or per epoch; default 'epoch'. */
  every?: 'batch' | 'epoch';
  title?: string;
}
/**
 * Callbacks for model.fit / fitDataset that draw a live chart of the loss and metrics and a
 * progress bar; interrupting the cell stops the training.
 */
declare function trainingChart(options?: TrainingChartOptions): import('@tensorflow/tfjs').CustomCallbackArgs;

/** The kernel this cell runs on. */
declare const kernel: {
  /** The TensorFlow.js backend: 'webgpu', 'webgl', 'wasm', 'cpu' or 'tensorflow'. */
  readonly backend: string;
  /** The device, e.g. the GPU adapter's name, or 'CPU'. */
  readonly device: string;
};
`;
