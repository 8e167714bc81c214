/**
 * The browser kernel, seen from the app page: a hidden iframe on the user-content origin whose
 * Worker runs the cells (apps/web/src/kernel-host). This class starts it, relays kernel protocol
 * messages, and stops a runaway cell: an interrupt the kernel does not answer within
 * `interruptGraceMs` (a synchronous loop never yields) replaces the Worker, losing its state.
 */
import { createMessage, isMessageOfType, parseKernelMessage, parentMessageId, type BackendInfo, type KernelMessage } from '@cohort/kernel/protocol';
import { FRAME_TAG, isFrameMessage, type BackendChoice, type FromFrame, type ToFrame, type Untagged } from '@/kernel-host/frame-protocol';

export interface BrowserKernelEvents {
  /** The kernel is up (again) on this backend. */
  onReady(backend: BackendInfo): void;
  onMessage(message: KernelMessage): void;
  /** The kernel and its state are gone; a new one is starting when `restarting`. */
  onLost(reason: string, restarting: boolean): void;
}

export interface BrowserKernelOptions extends BrowserKernelEvents {
  /** e.g. http://127.0.0.1:3000 */
  userContentOrigin: string;
  backend: BackendChoice;
  /** Time a busy kernel gets to stop after an interrupt before it is replaced. */
  interruptGraceMs?: number;
  /** Time the Worker gets to load and answer kernel_info. */
  startTimeoutMs?: number;
}

export interface BrowserKernel {
  send(message: KernelMessage): void;
  /** Resolves 'interrupted' when the kernel stopped the cell itself, 'restarted' when it had to be replaced. */
  interrupt(): Promise<'interrupted' | 'restarted'>;
  /** Replaces the Worker (all state lost), on `backend` when given. */
  restart(backend?: BackendChoice): void;
  dispose(): void;
}

export function createBrowserKernel(options: BrowserKernelOptions): BrowserKernel {
  const { userContentOrigin, interruptGraceMs = 1000, startTimeoutMs = 60_000 } = options;
  let backend = options.backend;
  let busy = false;
  let infoRequest: string | null = null;
  let startTimer: ReturnType<typeof setTimeout> | undefined;
  let idleWaiters: Array<() => void> = [];
  let frameReady = false;
  let disposed = false;

  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.title = 'Kernel';
  frame.src = `${userContentOrigin}/_kernel/frame.html?app=${encodeURIComponent(location.origin)}`;

  function post(message: Untagged<ToFrame>): void {
    frame.contentWindow?.postMessage({ tag: FRAME_TAG, ...message }, userContentOrigin);
  }

  /** Starts a fresh Worker and asks it who it is; it is ready once it answers. */
  function start(): void {
    busy = false;
    post({ type: 'start', backend });
    const request = createMessage('kernel_info_request', {});
    infoRequest = request.header.msg_id;
    post({ type: 'send', message: request });
    clearTimeout(startTimer);
    startTimer = setTimeout(() => lose('The kernel did not start in time. Restart it to try again.', false), startTimeoutMs);
  }

  function lose(reason: string, restarting: boolean): void {
    infoRequest = null;
    clearTimeout(startTimer);
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((wake) => wake());
    options.onLost(reason, restarting);
    if (restarting) start();
    else post({ type: 'terminate' });
  }

  function onFrameMessage(event: MessageEvent): void {
    if (event.source !== frame.contentWindow || event.origin !== userContentOrigin || !isFrameMessage<FromFrame>(event.data)) return;
    const data = event.data;
    if (data.type === 'ready') {
      frameReady = true;
      start();
    } else if (data.type === 'crashed') {
      lose(`The kernel stopped: ${data.reason}`, false);
    } else {
      const parsed = parseKernelMessage(data.message);
      if (!parsed.ok) return console.warn(`Kernel sent a bad message: ${parsed.error}`);
      receive(parsed.message);
    }
  }

  function receive(message: KernelMessage): void {
    if (isMessageOfType(message, 'kernel_info_reply') && parentMessageId(message) === infoRequest) {
      infoRequest = null;
      clearTimeout(startTimer);
      options.onReady(message.content.backend);
      return;
    }
    if (isMessageOfType(message, 'status')) {
      busy = message.content.execution_state === 'busy';
      if (!busy) {
        const waiters = idleWaiters;
        idleWaiters = [];
        waiters.forEach((wake) => wake());
      }
    }
    options.onMessage(message);
  }

  window.addEventListener('message', onFrameMessage);
  document.body.append(frame);

  return {
    send(message) {
      post({ type: 'send', message });
    },
    async interrupt() {
      if (!busy) return 'interrupted';
      const stopped = new Promise<boolean>((resolve) => {
        idleWaiters.push(() => resolve(true));
        setTimeout(() => resolve(false), interruptGraceMs);
      });
      post({ type: 'send', message: createMessage('interrupt_request', {}) });
      if (await stopped) return 'interrupted';
      lose('The cell did not stop, so the kernel was restarted: variables from earlier runs are gone.', true);
      return 'restarted';
    },
    restart(choice) {
      if (choice) backend = choice;
      if (frameReady) lose('The kernel was restarted: variables from earlier runs are gone.', true);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      clearTimeout(startTimer);
      window.removeEventListener('message', onFrameMessage);
      post({ type: 'terminate' });
      frame.remove();
    },
  };
}
