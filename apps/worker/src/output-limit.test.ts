import { describe, expect, it } from 'vitest';
import { createMessage, type KernelMessage, type MessageContent, type MessageType } from '@cohort/kernel/protocol';
import { createOutputLimiter, truncationMarker } from './output-limit.ts';

const request = createMessage('execute_request', { code: 'x', cell_id: 'c' });
const from = <T extends MessageType>(type: T, content: MessageContent<T>) => createMessage(type, content, request) as KernelMessage;
const texts = (messages: KernelMessage[]) => messages.map((message) => (message.content as { text?: string }).text);
const limiter = (limitBytes: number) => createOutputLimiter({ limitBytes, identity: { session: 'worker' } });
const display = (id: string, text: string) => ({ data: { 'text/plain': text }, metadata: {}, transient: { display_id: id } });

describe('output limit', () => {
  it('WORKER-LIMIT-3 cuts stream text at the cap, on a character boundary, adds one marker and drops the rest', () => {
    const limit = limiter(10);
    expect(texts(limit.filter(from('stream', { name: 'stdout', text: 'héllo' })))).toEqual(['héllo']);
    // 'héllo' is 6 bytes; 4 are left: 'wör' is 4 bytes, the next character would not fit.
    expect(texts(limit.filter(from('stream', { name: 'stdout', text: 'wörld' })))).toEqual(['wör', truncationMarker(10)]);
    expect(limit.filter(from('stream', { name: 'stdout', text: 'more' }))).toEqual([]);
    expect(limit.filter(from('display_data', display('d', 'x')))).toEqual([]);
    expect(limit.filter(from('execute_reply', { status: 'ok', execution_count: 1 })).map((m) => m.header.msg_type)).toEqual(['execute_reply']);
    expect(truncationMarker(1024 * 1024)).toBe("\n[output truncated: this cell's output exceeded the limit of 1 MiB]\n");
  });

  it('WORKER-LIMIT-3 counts a display update as the change in size of that display, so a progress bar can update for ever', () => {
    const limit = limiter(200);
    const first = from('display_data', display('bar', '0%'));
    expect(limit.filter(first)).toEqual([first]);
    for (let step = 1; step <= 1000; step++) {
      const update = from('update_display_data', display('bar', `${step % 100}%`));
      expect(limit.filter(update)).toEqual([update]);
    }
    const huge = from('update_display_data', display('bar', 'x'.repeat(500)));
    expect(texts(limit.filter(huge))).toEqual([truncationMarker(200)]);
  });

  it('WORKER-LIMIT-3 never drops a cell\'s error: past the cap it keeps its name and the start of its message', () => {
    const limit = limiter(50);
    limit.filter(from('stream', { name: 'stdout', text: 'x'.repeat(45) }));
    const error = from('error', { ename: 'RangeError', evalue: 'too far', traceback: ['RangeError: too far', '    at cell c, line 1:1'] });
    const relayed = limit.filter(error);
    expect(relayed.map((m) => m.header.msg_type)).toEqual(['stream', 'error']);
    expect(relayed[1]!.content).toEqual({ ename: 'RangeError', evalue: 'too far', traceback: [] });
  });

  it('WORKER-LIMIT-3 gives each execution its own budget and leaves kernel messages without a parent alone', () => {
    const limit = limiter(5);
    limit.filter(from('stream', { name: 'stdout', text: '12345678' }));
    const other = createMessage('stream', { name: 'stdout', text: 'abc' }, createMessage('execute_request', { code: 'y', cell_id: 'd' })) as KernelMessage;
    expect(limit.filter(other)).toEqual([other]);
    const unparented = createMessage('status', { execution_state: 'idle' }) as KernelMessage;
    expect(limit.filter(unparented)).toEqual([unparented]);
  });
});
