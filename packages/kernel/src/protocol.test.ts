import { describe, expect, it } from 'vitest';
import { createMessage, parentMessageId, parseKernelMessage, PROTOCOL_VERSION } from './protocol.ts';

describe('kernel protocol', () => {
  it('KERNEL-MSG-1 createMessage builds a Jupyter 5.3 envelope parented to the request', () => {
    const request = createMessage('execute_request', { code: '1', cell_id: 'a' }, undefined, { session: 's', username: 'ana', msgId: 'm1', date: new Date(0) });
    expect(request).toEqual({
      header: { msg_id: 'm1', msg_type: 'execute_request', session: 's', date: '1970-01-01T00:00:00.000Z', version: PROTOCOL_VERSION, username: 'ana' },
      parent_header: {},
      metadata: {},
      content: { code: '1', cell_id: 'a' },
    });
    const status = createMessage('status', { execution_state: 'busy' }, request);
    expect(status.parent_header).toEqual(request.header);
    expect(parentMessageId(status)).toBe('m1');
  });

  it('KERNEL-MSG-2 parseKernelMessage accepts a valid frame as JSON text or value', () => {
    const message = createMessage('stream', { name: 'stdout', text: 'hi\n' });
    expect(parseKernelMessage(JSON.stringify(message))).toEqual({ ok: true, message });
    expect(parseKernelMessage(message)).toEqual({ ok: true, message });
  });

  it('KERNEL-MSG-2 parseKernelMessage returns an error for bad frames and never throws', () => {
    const valid = createMessage('execute_request', { code: '1', cell_id: 'a' });
    const bad: [unknown, string][] = [
      ['{', 'not JSON'],
      [42, 'header.msg_type is missing'],
      [null, 'header.msg_type is missing'],
      [{ header: { msg_type: 'toString' } }, 'unknown msg_type "toString"'],
      [{ header: { msg_type: 'comm_open' } }, 'unknown msg_type "comm_open"'],
      [{ ...valid, content: { code: 3, cell_id: 'a' } }, 'content.code'],
      [{ ...valid, header: { ...valid.header, msg_id: '' } }, 'header.msg_id'],
      [{ ...valid, parent_header: { msg_id: 'x' } }, 'parent_header'],
      [{ ...createMessage('status', { execution_state: 'busy' }), content: { execution_state: 'sleeping' } }, 'content.execution_state'],
      [{ ...createMessage('display_data', { data: {}, metadata: {} }), content: { data: { 'image/png': 'not base64!' }, metadata: {} } }, "content.data.image/png"],
      [{ ...createMessage('update_display_data', { data: {}, metadata: {}, transient: { display_id: 'd' } }), content: { data: {}, metadata: {} } }, 'content.transient'],
    ];
    for (const [frame, error] of bad) {
      const parsed = parseKernelMessage(frame);
      expect(parsed.ok).toBe(false);
      expect(parsed.ok ? '' : parsed.error).toContain(error);
    }
  });

  it('KERNEL-MSG-3 MIME types outside the supported set are dropped from bundles', () => {
    const frame = { ...createMessage('display_data', { data: { 'text/plain': 'x' }, metadata: {} }) };
    (frame.content.data as Record<string, unknown>)['application/x-evil'] = '<script>';
    const parsed = parseKernelMessage(frame);
    expect(parsed.ok && parsed.message.content).toEqual({ data: { 'text/plain': 'x' }, metadata: {} });
  });
});
