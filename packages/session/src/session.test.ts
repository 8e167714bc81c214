import { describe, expect, it } from 'vitest';
import { createMessage, type BackendInfo, type KernelMessage, type MessageHeader } from '@cohort/kernel/protocol';
import type { RunRequest } from '@cohort/notebook';
import { createSessionReducer, initialSessionState, type SessionAction, type SessionEvent, type SessionState } from './session.ts';

const backend: BackendInfo = { name: 'wasm', device: 'CPU', software: false };

function request(id: string, cellId: string, state: RunRequest['state'] = 'queued'): RunRequest {
  return { id, cellId, requestedBy: 'ana', runtime: 'browser', requestedAt: '2026-11-26T10:00:00.000Z', state, claimedBy: null };
}

/** A reducer with predictable msg_ids and a driver that keeps the state and collects the actions. */
function session() {
  let n = 0;
  const reduce = createSessionReducer({ runtime: 'browser', newMessageId: () => `msg-${++n}` });
  let state: SessionState = initialSessionState();
  return {
    send(event: SessionEvent): SessionAction[] {
      const step = reduce(state, event);
      state = step.state;
      return step.actions;
    },
    get state() {
      return state;
    },
  };
}

const parent = (msgId: string) => ({ msg_id: msgId, msg_type: 'execute_request', session: 's', date: '', version: '5.3', username: 'u' }) satisfies MessageHeader;
const reply = (msgId: string, status: 'ok' | 'error' = 'ok', count = 1): KernelMessage => createMessage('execute_reply', { status, execution_count: count }, parent(msgId));
const idle = (msgId: string): KernelMessage => createMessage('status', { execution_state: 'idle' }, parent(msgId));
const stdout = (msgId: string, text: string): KernelMessage => createMessage('stream', { name: 'stdout', text }, parent(msgId));

describe('session reducer', () => {
  it('waits for the kernel, then claims, clears and executes the first queued request', () => {
    const s = session();
    expect(s.send({ type: 'queue', requests: [request('r1', 'c1'), request('r2', 'c2')], at: 0 })).toEqual([]);
    expect(s.send({ type: 'kernel-ready', backend, at: 10 })).toEqual([
      { type: 'claim', requestId: 'r1' },
      { type: 'clear-outputs', cellId: 'c1' },
      { type: 'execute', requestId: 'r1', cellId: 'c1', msgId: 'msg-1' },
    ]);
  });

  it('runs one request at a time and finishes it only when both its reply and idle status arrived', () => {
    const s = session();
    s.send({ type: 'kernel-ready', backend, at: 0 });
    s.send({ type: 'queue', requests: [request('r1', 'c1'), request('r2', 'c2')], at: 1000 });
    expect(s.send({ type: 'queue', requests: [request('r1', 'c1', 'running'), request('r2', 'c2')], at: 1001 })).toEqual([]);
    expect(s.send({ type: 'kernel-message', message: reply('msg-1', 'ok', 7), at: 1200 })).toEqual([]);
    const actions = s.send({ type: 'kernel-message', message: idle('msg-1'), at: 1250 });
    expect(actions[0]).toEqual({
      type: 'finish',
      requestId: 'r1',
      cellId: 'c1',
      state: 'done',
      executionCount: 7,
      record: { by: 'ana', at: new Date(1000).toISOString(), runtime: 'browser', backend: 'wasm', device: 'CPU', durationMs: 250, status: 'done' },
    });
    // The next queued request starts right away.
    expect(actions.slice(1).map((action) => action.type)).toEqual(['claim', 'clear-outputs', 'execute']);
  });

  it('marks a run that raised as error', () => {
    const s = session();
    s.send({ type: 'kernel-ready', backend, at: 0 });
    s.send({ type: 'queue', requests: [request('r1', 'c1')], at: 0 });
    s.send({ type: 'kernel-message', message: idle('msg-1'), at: 5 });
    const [finish] = s.send({ type: 'kernel-message', message: reply('msg-1', 'error', 2), at: 6 });
    expect(finish).toMatchObject({ type: 'finish', state: 'error', executionCount: 2 });
  });

  it('writes outputs to the cell of their execution, also after it finished, and discards messages of executions it never started', () => {
    const s = session();
    s.send({ type: 'kernel-ready', backend, at: 0 });
    s.send({ type: 'queue', requests: [request('r1', 'c1')], at: 0 });
    expect(s.send({ type: 'kernel-message', message: stdout('msg-1', 'hello\n'), at: 1 })).toEqual([
      { type: 'append-output', cellId: 'c1', output: { output_type: 'stream', name: 'stdout', text: 'hello\n' } },
    ]);
    s.send({ type: 'kernel-message', message: reply('msg-1'), at: 2 });
    s.send({ type: 'kernel-message', message: idle('msg-1'), at: 3 });
    expect(s.send({ type: 'kernel-message', message: stdout('msg-1', 'late\n'), at: 4 })).toEqual([
      { type: 'append-output', cellId: 'c1', output: { output_type: 'stream', name: 'stdout', text: 'late\n' } },
    ]);
    expect(s.send({ type: 'kernel-message', message: stdout('someone-else', 'x'), at: 5 })).toEqual([]);
    expect(s.send({ type: 'kernel-message', message: reply('someone-else'), at: 5 })).toEqual([]);
  });

  it('passes display updates on whatever execution made the display', () => {
    const s = session();
    const update = createMessage('update_display_data', { data: { 'text/plain': '50%', 'text/html': undefined }, metadata: {}, transient: { display_id: 'd1' } });
    expect(s.send({ type: 'kernel-message', message: update, at: 0 })).toEqual([
      { type: 'update-display', displayId: 'd1', data: { 'text/plain': '50%' }, metadata: {} },
    ]);
  });

  it('never runs a request twice, even when a stale queue snapshot still shows it queued', () => {
    const s = session();
    s.send({ type: 'kernel-ready', backend, at: 0 });
    s.send({ type: 'queue', requests: [request('r1', 'c1')], at: 0 });
    s.send({ type: 'kernel-message', message: reply('msg-1'), at: 1 });
    s.send({ type: 'kernel-message', message: idle('msg-1'), at: 2 });
    expect(s.send({ type: 'queue', requests: [request('r1', 'c1')], at: 3 })).toEqual([]);
  });

  it('when the kernel is lost, aborts the running cell with an error saying why, and the queued requests', () => {
    const s = session();
    s.send({ type: 'kernel-ready', backend, at: 0 });
    s.send({ type: 'queue', requests: [request('r1', 'c1'), request('r2', 'c2')], at: 0 });
    const actions = s.send({ type: 'kernel-lost', reason: 'Interrupted: the kernel was restarted.', at: 500 });
    expect(actions).toEqual([
      {
        type: 'append-output',
        cellId: 'c1',
        output: { output_type: 'error', ename: 'KernelRestarted', evalue: 'Interrupted: the kernel was restarted.', traceback: ['KernelRestarted: Interrupted: the kernel was restarted.'] },
      },
      expect.objectContaining({ type: 'finish', requestId: 'r1', state: 'aborted', executionCount: null }),
      { type: 'finish', requestId: 'r2', cellId: 'c2', state: 'aborted', executionCount: null, record: null },
    ]);
    expect(s.state.kernel.phase).toBe('starting');
    // A late message of the lost kernel's execution changes nothing.
    expect(s.send({ type: 'kernel-message', message: stdout('msg-1', 'late'), at: 600 })).toEqual([]);
    // The restarted kernel takes new requests.
    s.send({ type: 'kernel-ready', backend, at: 700 });
    expect(s.send({ type: 'queue', requests: [request('r3', 'c1')], at: 800 }).map((action) => action.type)).toEqual(['claim', 'clear-outputs', 'execute']);
  });
});
