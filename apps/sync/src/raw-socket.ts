// Test helpers below the y-websocket client: hand-made frames, and an upgrade request that
// carries frames in the same TCP write (so they arrive before authentication can complete).
import net from 'node:net';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';

export function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** A y-protocols awareness update with one entry per [client id, clock, state]. */
export function awarenessUpdate(entries: Array<[number, number, unknown]>): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, entries.length);
    for (const [clientId, clock, state] of entries) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, JSON.stringify(state));
    }
  });
}

export interface RawClient {
  ws: WebSocket;
  /** The close code the server sent. */
  closed: Promise<number>;
  opened: Promise<void>;
  /** Every frame received so far, in order. */
  received: Uint8Array[];
  /** The first frame, received already or to come, for which `match` holds. */
  frameWhere(match: (frame: Uint8Array) => boolean): Promise<Uint8Array>;
}

/** A bare WebSocket to the sync endpoint: it sends only what the test sends. */
export function rawClient(url: string, options: { origin?: string } = {}): RawClient {
  const ws = new WebSocket(url, options.origin ? { origin: options.origin } : {});
  const received: Uint8Array[] = [];
  let waiters: Array<(frame: Uint8Array) => void> = [];
  ws.on('error', () => {});
  ws.on('message', (data: Buffer) => {
    received.push(new Uint8Array(data));
    for (const waiter of waiters) waiter(received.at(-1)!);
  });
  return {
    ws,
    closed: new Promise((resolve) => ws.on('close', (code) => resolve(code))),
    opened: new Promise((resolve) => ws.on('open', () => resolve())),
    received,
    frameWhere: (match) =>
      new Promise((resolve) => {
        const found = received.find(match);
        if (found) return resolve(found);
        const waiter = (frame: Uint8Array) => {
          if (!match(frame)) return;
          waiters = waiters.filter((w) => w !== waiter);
          resolve(frame);
        };
        waiters.push(waiter);
      }),
  };
}

/** The HTTP status an upgrade request gets (101 when a socket opens). */
export function upgradeStatus(url: string, origin: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.on('error', () => {});
    ws.on('unexpected-response', (request, response) => {
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
  });
}

/** A masked binary client frame (RFC 6455 § 5.2), with a zero mask key. */
function clientFrame(payload: Uint8Array): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x82, 0x80 | length])
      : Buffer.from([0x82, 0x80 | 126, length >> 8, length & 0xff]);
  return Buffer.concat([header, Buffer.alloc(4), payload]);
}

/**
 * Sends an upgrade request to `path` with `frames` in the same write, and collects the server's
 * answer: the status line, the payloads of the frames it sent, and its close code, if any.
 */
export function upgradeWithFrames(
  port: number,
  path: string,
  frames: Uint8Array[],
): Promise<{ status: string; payloads: Uint8Array[]; closeCode: number | null }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    const request = [
      `GET ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n');
    socket.on('connect', () => socket.write(Buffer.concat([Buffer.from(request), ...frames.map(clientFrame)])));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      const answer = readAnswer(received);
      if (answer && answer.closeCode !== null) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(readAnswer(received) ?? { status: received.toString('latin1').split('\r\n')[0] ?? '', payloads: [], closeCode: null }));
  });
}

function readAnswer(data: Buffer): { status: string; payloads: Uint8Array[]; closeCode: number | null } | null {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const status = data.subarray(0, data.indexOf('\r\n')).toString('latin1');
  const payloads: Uint8Array[] = [];
  let closeCode: number | null = null;
  for (let at = end + 4; at + 2 <= data.length; ) {
    const opcode = data[at]! & 0x0f;
    let length = data[at + 1]! & 0x7f;
    let start = at + 2;
    if (length === 126) {
      if (start + 2 > data.length) break;
      length = data.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      if (start + 8 > data.length) break;
      length = Number(data.readBigUInt64BE(start));
      start += 8;
    }
    if (start + length > data.length) break;
    const payload = data.subarray(start, start + length);
    if (opcode === 0x8) closeCode = payload.readUInt16BE(0);
    else payloads.push(payload);
    at = start + length;
  }
  return { status, payloads, closeCode };
}
