/** Kernel output messages as the notebook's Jupyter outputs. */
import { isMessageOfType, type KernelMessage, type MimeBundle as KernelMimeBundle } from '@cohort/kernel/protocol';
import type { MimeBundle, Output } from '@cohort/notebook';

/** The bundle without the keys zod left undefined: the document stores JSON only. */
export function storedBundle(bundle: KernelMimeBundle): MimeBundle {
  return Object.fromEntries(Object.entries(bundle).filter(([, value]) => value !== undefined)) as MimeBundle;
}

/** The output a message adds to its cell, or null for messages that add none. */
export function outputOfMessage(message: KernelMessage): Output | null {
  if (isMessageOfType(message, 'stream')) return { output_type: 'stream', ...message.content };
  if (isMessageOfType(message, 'error')) return { output_type: 'error', ...message.content };
  if (isMessageOfType(message, 'execute_result')) {
    const { execution_count, data, metadata } = message.content;
    return { output_type: 'execute_result', execution_count, data: storedBundle(data), metadata };
  }
  if (isMessageOfType(message, 'display_data')) {
    const { data, metadata, transient } = message.content;
    return { output_type: 'display_data', data: storedBundle(data), metadata, ...(transient ? { transient } : {}) };
  }
  return null;
}
