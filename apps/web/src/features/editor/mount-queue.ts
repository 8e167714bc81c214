const frameBudgetMs = 8;
const queue: Array<{ width: number; create: (width: number) => void; cancelled: boolean }> = [];
const waiting = new Map<Element, (width: number) => void>();
let sizes: ResizeObserver | null = null;
let scheduled = false;

function flush(): void {
  scheduled = false;
  const start = performance.now();
  while (queue.length > 0 && performance.now() - start < frameBudgetMs) {
    const task = queue.shift()!;
    if (!task.cancelled) task.create(task.width);
  }
  if (queue.length > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(flush);
}

/**
 * Runs `create` with the laid-out width of `host`, in a later animation frame, a few per frame.
 * Scrolling fast past many cells thus never spends one frame creating many editors, and no
 * editor makes the browser lay out the page again to measure itself (the width comes from a
 * ResizeObserver, which reports after layout). Returns a cancel function.
 */
export function mountWhenLaidOut(host: Element, create: (width: number) => void): () => void {
  const task = { width: 0, create, cancelled: false };
  sizes ??= new ResizeObserver((entries) => {
    for (const entry of entries) {
      const ready = waiting.get(entry.target);
      if (!ready || entry.contentRect.width === 0) continue;
      waiting.delete(entry.target);
      sizes!.unobserve(entry.target);
      ready(entry.contentRect.width);
    }
  });
  waiting.set(host, (width) => {
    task.width = width;
    queue.push(task);
    schedule();
  });
  sizes.observe(host);
  return () => {
    task.cancelled = true;
    waiting.delete(host);
    sizes?.unobserve(host);
  };
}
