/**
 * The script of the kernel iframe, served from the user-content origin: it runs the kernel in a
 * dedicated Worker (so a busy cell never freezes the page) and relays messages between the Worker
 * and the app page named by `?app=`. It holds nothing of the user's: it has no cookies of the app's
 * origin and answers only its parent window.
 */
import { FRAME_TAG, isFrameMessage, type FromFrame, type ToFrame, type Untagged, type WorkerInit } from './frame-protocol.ts';

const appOrigin = new URLSearchParams(location.search).get('app');
let worker: Worker | null = null;

function tell(message: Untagged<FromFrame>): void {
  if (appOrigin) window.parent.postMessage({ tag: FRAME_TAG, ...message }, appOrigin);
}

function start(backend: WorkerInit['backend']): void {
  worker?.terminate();
  const started = new Worker(new URL('kernel-worker.js', location.href));
  worker = started;
  started.onmessage = (event: MessageEvent) => tell({ type: 'message', message: event.data });
  started.onerror = (event: ErrorEvent) => {
    if (worker !== started) return;
    event.preventDefault();
    tell({ type: 'crashed', reason: event.message || 'The kernel could not start.' });
  };
  const init: WorkerInit = { type: 'init', backend, wasmPath: new URL('./', location.href).href };
  started.postMessage(init);
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent || event.origin !== appOrigin || !isFrameMessage<ToFrame>(event.data)) return;
  const request = event.data;
  if (request.type === 'start') start(request.backend);
  else if (request.type === 'send') worker?.postMessage(request.message);
  else {
    worker?.terminate();
    worker = null;
  }
});

tell({ type: 'ready' });
