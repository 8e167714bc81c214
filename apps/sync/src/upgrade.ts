import type { Duplex } from 'node:stream';

const syncPath = /^\/sync\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Answers an HTTP upgrade with a plain status instead of opening a socket. */
export function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The notebook id named by a `/sync/<uuid>` URL, lower-cased, or null. */
export function notebookIdOf(url: string | undefined): string | null {
  try {
    return syncPath.exec(new URL(url ?? '/', 'http://sync').pathname)?.[1]?.toLowerCase() ?? null;
  } catch {
    return null;
  }
}
