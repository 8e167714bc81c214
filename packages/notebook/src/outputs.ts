/** A cell's outputs: a Y.Array with one Y.Map per Jupyter output (its top-level fields). */
import * as Y from 'yjs';
import type { JsonObject, MimeBundle, Output } from './api.ts';
import { isRecord } from './json.ts';
import { checkOutput } from './nbformat-check.ts';

export type OutputsArray = Y.Array<Y.Map<unknown>>;

export function createOutputMap(output: Output): Y.Map<unknown> {
  return new Y.Map(Object.entries(output).filter(([, value]) => value !== undefined));
}

/** The outputs as plain data; entries that are not valid outputs (a misbehaving peer) are left out. */
export function readOutputs(outputs: OutputsArray): Output[] {
  return outputs.toArray().flatMap((map) => {
    const output = map instanceof Y.Map ? checkOutput(map.toJSON(), '', []) : undefined;
    return output ? [output] : [];
  });
}

/** Appends `output`; a stream output continues the last output when that is the same stream. */
export function appendOutputTo(outputs: OutputsArray, output: Output): void {
  const last = outputs.length > 0 ? outputs.get(outputs.length - 1) : undefined;
  if (output.output_type === 'stream' && last instanceof Y.Map) {
    const text = last.get('text');
    if (last.get('output_type') === 'stream' && last.get('name') === output.name && typeof text === 'string') {
      last.set('text', text + output.text);
      return;
    }
  }
  outputs.push([createOutputMap(output)]);
}

/** `update_display_data` within one cell; returns how many outputs it replaced. */
export function updateDisplayIn(outputs: OutputsArray, displayId: string, update: { data: MimeBundle; metadata: JsonObject }): number {
  let updated = 0;
  for (const map of outputs) {
    if (!(map instanceof Y.Map) || map.get('output_type') !== 'display_data') continue;
    const transient = map.get('transient');
    if (!isRecord(transient) || transient['display_id'] !== displayId) continue;
    map.set('data', update.data);
    map.set('metadata', update.metadata);
    updated++;
  }
  return updated;
}
