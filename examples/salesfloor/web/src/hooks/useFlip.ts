import { useLayoutEffect, useRef } from 'react';

/**
 * Animates list items to their new positions when the list reorders (FLIP: first, last, invert,
 * play). Give each item `ref={register(key)}`; `order` is the current key order.
 */
export function useFlip(order: readonly (string | number)[], duration = 700): (key: string | number) => (el: HTMLElement | null) => void {
  const nodes = useRef(new Map<string | number, HTMLElement>());
  const last = useRef(new Map<string | number, number>());
  const orderKey = order.join(',');

  useLayoutEffect(() => {
    const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    const next = new Map<string | number, number>();
    for (const [key, el] of nodes.current) {
      const top = el.getBoundingClientRect().top;
      next.set(key, top);
      const before = last.current.get(key);
      if (before === undefined || reduce) continue;
      const dy = before - top;
      if (Math.abs(dy) < 1) continue;
      el.animate([{ transform: `translateY(${dy}px)` }, { transform: 'translateY(0)' }], {
        duration,
        easing: 'cubic-bezier(0.2, 0.8, 0.2, 1)',
      });
    }
    last.current = next;
  }, [orderKey, duration]);

  return (key) => (el) => {
    if (el) nodes.current.set(key, el);
    else nodes.current.delete(key);
  };
}
