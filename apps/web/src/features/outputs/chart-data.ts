import type { JsonObject, JsonValue } from '@cohort/notebook';
import { isJsonObject } from './json-object.ts';

/** The name inline top-level values get, so a live chart can swap them in place. */
export const INLINE_DATASET = 'cohort_inline_values';

export interface ChartParts {
  /** The spec to embed: inline top-level values moved into a named dataset. */
  spec: JsonObject;
  /** The spec without dataset contents: when it is unchanged, only the data changed. */
  shape: JsonObject;
  /** Named datasets (top-level `datasets`, and inline values): what `view.data(name, values)` can replace. */
  datasets: Record<string, JsonValue[]>;
}

/**
 * Splits a Vega-Lite spec into its shape and its data. A training loop sends the same chart with
 * more points many times a second; comparing shapes tells the chart to change its data in place
 * instead of rebuilding the view.
 */
export function splitChartData(input: JsonObject): ChartParts {
  const datasets: Record<string, JsonValue[]> = {};
  const fixed: Record<string, JsonValue> = {};
  for (const [name, values] of Object.entries(isJsonObject(input['datasets']) ? input['datasets'] : {})) {
    if (Array.isArray(values)) datasets[name] = values;
    else fixed[name] = values;
  }
  let spec: JsonObject = input;
  const data = input['data'];
  // Only plain inline values move: values with a `format` (CSV text, a JSON property) stay in the shape.
  if (isJsonObject(data) && Array.isArray(data['values']) && Object.keys(data).every((key) => key === 'values' || key === 'name')) {
    const name = typeof data['name'] === 'string' ? data['name'] : INLINE_DATASET;
    datasets[name] = data['values'];
    spec = { ...input, data: { name } };
  }
  const names = Object.keys(datasets);
  if (names.length === 0) return { spec: input, shape: input, datasets };
  return {
    spec: { ...spec, datasets: { ...fixed, ...datasets } },
    shape: { ...spec, datasets: { ...fixed, ...Object.fromEntries(names.map((name) => [name, null])) } },
    datasets,
  };
}
