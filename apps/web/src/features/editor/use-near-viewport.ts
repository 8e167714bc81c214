import { useEffect, useState, type RefObject } from 'react';

const callbacks = new WeakMap<Element, (near: boolean) => void>();
let observer: IntersectionObserver | null = null;

/** One observer for every cell: "near" is within one viewport height above or below the visible area. */
function sharedObserver(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) callbacks.get(entry.target)?.(entry.isIntersecting);
    },
    { rootMargin: '100% 0px' },
  );
  return observer;
}

/** Whether the element is on screen or within a viewport of it, so only nearby cells mount an editor. */
export function useNearViewport(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observing = sharedObserver();
    callbacks.set(element, setNear);
    observing.observe(element);
    return () => {
      observing.unobserve(element);
      callbacks.delete(element);
    };
  }, [ref]);
  return near;
}
