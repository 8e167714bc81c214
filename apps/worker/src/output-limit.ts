/**
 * The cap on the output one cell may add to a notebook (WORKER-LIMIT-3): outputs of an execution
 * beyond the cap are dropped and one marker says so. Counted in UTF-8 bytes: stream text as is,
 * other outputs as their JSON; an `update_display_data` counts as the difference to the display it
 * replaces, so a progress bar updated for hours stays within its own size.
 */
import { createMessage, parentMessageId, type KernelMessage, type MessageHeader, type MessageIdentity } from '@cohort/kernel/protocol';

export interface OutputLimiter {
  /** The messages to relay in place of `message` from the kernel: itself, a truncated copy plus the marker, the marker alone, or nothing. */
  filter(message: KernelMessage): KernelMessage[];
}

/** Executions remembered for later display updates (a display handle may be updated from a later cell). */
const rememberedExecutions = 200;

interface ExecutionOutput {
  used: number;
  displays: Map<string, number>;
  truncated: boolean;
}

const bytes = (value: unknown) => Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value));

export function truncationMarker(limitBytes: number): string {
  return `\n[output truncated: this cell's output exceeded the limit of ${formatBytes(limitBytes)}]\n`;
}

function formatBytes(count: number): string {
  if (count >= 1024 * 1024 && count % (1024 * 1024) === 0) return `${count / (1024 * 1024)} MiB`;
  if (count >= 1024 && count % 1024 === 0) return `${count / 1024} KiB`;
  return `${count} bytes`;
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `budget` bytes, never splitting a character. */
function fitText(text: string, budget: number): string {
  const encoded = Buffer.from(text);
  if (encoded.length <= budget) return text;
  return new TextDecoder().decode(encoded.subarray(0, Math.max(0, budget))).replace(/\uFFFD$/, '');
}

export function createOutputLimiter(options: { limitBytes: number; identity: MessageIdentity }): OutputLimiter {
  const executions = new Map<string, ExecutionOutput>();
  const executionOf = (msgId: string) => {
    let execution = executions.get(msgId);
    if (!execution) {
      execution = { used: 0, displays: new Map(), truncated: false };
      executions.set(msgId, execution);
      if (executions.size > rememberedExecutions) executions.delete(executions.keys().next().value!);
    }
    return execution;
  };
  const marker = (message: KernelMessage, execution: ExecutionOutput): KernelMessage[] => {
    if (execution.truncated) return [];
    execution.truncated = true;
    return [createMessage('stream', { name: 'stderr', text: truncationMarker(options.limitBytes) }, message.parent_header as MessageHeader, options.identity) as KernelMessage];
  };

  return {
    filter(message) {
      const parent = parentMessageId(message);
      if (parent === undefined) return [message];
      const execution = executionOf(parent);
      const left = options.limitBytes - execution.used;
      switch (message.header.msg_type) {
        case 'stream': {
          const { text } = message.content as { text: string };
          const size = bytes(text);
          if (execution.truncated) return [];
          if (size <= left) {
            execution.used += size;
            return [message];
          }
          const kept = fitText(text, left);
          execution.used = options.limitBytes;
          return [...(kept ? [{ ...message, content: { ...message.content, text: kept } } as KernelMessage] : []), ...marker(message, execution)];
        }
        case 'error': {
          // A cell's error is never dropped: past the cap it keeps its name and the start of its message.
          const size = bytes(message.content);
          if (size <= left) {
            execution.used += size;
            return [message];
          }
          const { ename, evalue } = message.content as { ename: string; evalue: string };
          const trimmed = { ...message, content: { ename, evalue: fitText(evalue, 1024), traceback: [] } } as KernelMessage;
          return [...marker(message, execution), trimmed];
        }
        case 'display_data':
        case 'execute_result': {
          const size = bytes(message.content);
          if (size > left || execution.truncated) return marker(message, execution);
          execution.used += size;
          const displayId = (message.content as { transient?: { display_id: string } }).transient?.display_id;
          if (displayId) execution.displays.set(displayId, size);
          return [message];
        }
        case 'update_display_data': {
          const displayId = (message.content as { transient: { display_id: string } }).transient.display_id;
          const size = bytes(message.content);
          const growth = size - (execution.displays.get(displayId) ?? 0);
          if (growth > left) return marker(message, execution);
          execution.used += growth;
          execution.displays.set(displayId, size);
          return [message];
        }
        default:
          return [message];
      }
    },
  };
}
