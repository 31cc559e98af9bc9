/**
 * Work in steps: a reader written as a generator pauses (yields) every so
 * often, so that a page can run it in slices between frames and a 1 MiB
 * input never holds the main thread. Tests and small inputs run it at once.
 */

export type Steps<T> = Generator<void, T>;

/** Runs a stepped reader to its end, at once. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs a stepped reader in slices of about `sliceMs` of main-thread time,
 * each in a task of its own. Resolves to its result, or to `undefined` as
 * soon as `current()` says a newer reading has replaced this one.
 */
export async function runInSlices<T>(steps: Steps<T>, sliceMs: number, current: () => boolean): Promise<T | undefined> {
  for (;;) {
    if (!current()) return undefined;
    const sliceEnd = performance.now() + sliceMs;
    let step = steps.next();
    while (!step.done && performance.now() < sliceEnd) step = steps.next();
    if (step.done) return step.value;
    await nextTask();
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const nextTask = () => sleep(0);
