/**
 * Keys from more than one maker at once. Chromium makes a renderer process's
 * RSA keys one at a time, however many workers ask, so the generator has two
 * makers: the worker's own WebCrypto, and a sandboxed frame that Chromium runs
 * in a process of its own (src/frame/key-frame.ts, ./key-port.ts). Each maker
 * starts the next key the moment its last one is ready. An engine that makes
 * one page's keys in parallel (Firefox) is asked for several at once by each
 * maker (`atOnce`, measured by ./keys-at-once.ts): one at a time leaves its
 * cores idle.
 */

/** Makes one key pair (in tests, anything). */
export type KeyMaker<K = CryptoKeyPair> = () => Promise<K>;

export interface ShareOptions<K> {
  /** Called as key `index` is started, by the maker at `maker` in the list. */
  onStart?: (index: number, maker: number) => void;
  /** Once aborted, no key is started; the keys not started reject with the reason. */
  signal?: AbortSignal;
  /** Makers that join once they are ready, numbered after `makers` in the order given; one that never is, never does. */
  joining?: readonly Promise<KeyMaker<K>>[];
  /** How many keys each maker is asked for at once (1, the default: the next when the last is ready). */
  atOnce?: number;
}

/** A key promised to the caller before any maker has started it. */
interface PromisedKey<K> {
  readonly promise: Promise<K>;
  resolve(key: K): void;
  reject(reason: unknown): void;
}

function promisedKey<K>(): PromisedKey<K> {
  let resolve!: (key: K) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<K>((res, rej) => ((resolve = res), (reject = rej)));
  // A key nobody waits for any more (the generation failed) must not be an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * `count` keys from `makers`, one promise per key, in order. A maker with a
 * free slot (it has fewer than `atOnce` keys under way) takes the first key
 * not yet started. A maker that fails is not asked again and its key goes to
 * another; when every maker has failed, the keys left reject with the last error.
 */
export function shareOutKeys<K>(count: number, makers: readonly KeyMaker<K>[], options: ShareOptions<K> = {}): Promise<K>[] {
  const keys = Array.from({ length: count }, () => promisedKey<K>());
  const waiting = keys.map((_, index) => index);
  const everyMaker = [...makers]; // and the joiners, once they join
  const slots = Math.max(1, Math.floor(options.atOnce ?? 1));
  /** A free slot of a maker is its number, once per slot: a maker takes keys in turn with the others. */
  const idle: number[] = [];
  const open = (maker: number) => {
    for (let slot = 0; slot < slots; slot++) idle.push(maker);
  };
  const failed = new Set<number>();
  let working = everyMaker.length;

  const rejectWaiting = (reason: unknown) => waiting.splice(0).forEach((index) => keys[index]!.reject(reason));

  function settle(maker: number, index: number, outcome: { key: K } | { error: unknown }): void {
    if ('key' in outcome) {
      keys[index]!.resolve(outcome.key);
      if (!failed.has(maker)) idle.push(maker);
      return dispatch();
    }
    waiting.unshift(index);
    if (!failed.has(maker)) {
      failed.add(maker);
      working--;
      for (let at = idle.indexOf(maker); at >= 0; at = idle.indexOf(maker)) idle.splice(at, 1);
    }
    if (working === 0) rejectWaiting(outcome.error);
    else dispatch();
  }

  function dispatch(): void {
    if (options.signal?.aborted) return rejectWaiting(options.signal.reason);
    while (idle.length > 0 && waiting.length > 0) {
      const maker = idle.shift()!;
      const index = waiting.shift()!;
      options.onStart?.(index, maker);
      new Promise<K>((resolve) => resolve(everyMaker[maker]!())).then(
        (key) => settle(maker, index, { key }),
        (error: unknown) => settle(maker, index, { error }),
      );
    }
  }

  options.joining?.forEach((joiner, order) =>
    joiner.then(
      (maker) => {
        if (working === 0) return; // too late: the keys left have been rejected
        const number = makers.length + order;
        everyMaker[number] = maker;
        working++;
        open(number);
        dispatch();
      },
      () => undefined,
    ),
  );
  // Slot by slot across the makers, so that with three keys and two makers at two at once, each starts one before either starts a second.
  for (let slot = 0; slot < slots; slot++) everyMaker.forEach((_, maker) => idle.push(maker));
  if (makers.length === 0) rejectWaiting(new Error('no key maker to make keys with'));
  options.signal?.addEventListener('abort', () => rejectWaiting(options.signal!.reason), { once: true });
  dispatch();
  return keys.map((key) => key.promise);
}

/**
 * A maker that gives up on a key after `ms`: the key is rejected, so that
 * shareOutKeys asks the maker no more and gives the key to another. A maker
 * that has once timed out is taken for dead: later calls reject at once.
 * For the key frame, which may stop answering after it said it was ready.
 */
export function withTimeout<K>(make: KeyMaker<K>, ms: number, what = 'the key maker'): KeyMaker<K> {
  let dead = false;
  return () => {
    if (dead) return Promise.reject(new Error(`${what} stopped answering`));
    return new Promise<K>((resolve, reject) => {
      const timer = setTimeout(() => {
        dead = true;
        reject(new Error(`${what} made no key in ${ms} ms`));
      }, ms);
      make().then(
        (key) => (clearTimeout(timer), resolve(key)),
        (error: unknown) => (clearTimeout(timer), reject(error)),
      );
    });
  };
}
