/**
 * Drawing a long list without holding the page: new items are drawn in tasks
 * of their own, as many as fit in a few milliseconds (at least one), so that a
 * slow machine draws fewer per task rather than one long task. Items already
 * drawn stay, so an edit redraws them in place without a flicker; once the
 * list is empty, the next one is drawn gradually again.
 */

import { flushSync } from 'svelte';

const DRAW_BUDGET_MS = 8;

/** How many of the first `total()` items to draw now. Call it while a component is set up. */
export function drawnGradually(total: () => number): { readonly count: number } {
  let drawn = $state(0);
  $effect(() => {
    const wanted = total();
    if (wanted === 0) drawn = 0;
    if (drawn >= wanted) return;
    const timer = setTimeout(() => {
      const end = performance.now() + DRAW_BUDGET_MS;
      do {
        drawn++;
        flushSync();
      } while (drawn < wanted && performance.now() < end);
    });
    return () => clearTimeout(timer);
  });
  return {
    get count() {
      return drawn;
    },
  };
}
