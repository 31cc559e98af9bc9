import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shareOutKeys, withTimeout, type KeyMaker } from '../../src/lib/key-makers';

/** A maker whose keys arrive when the test says: `finish(n)` ends its n-th call (0-based) with `key` or an error. */
function manualMaker(name: string) {
  const calls: { resolve(key: string): void; reject(error: Error): void }[] = [];
  const make: KeyMaker<string> = () => new Promise((resolve, reject) => calls.push({ resolve, reject }));
  return {
    make,
    calls,
    finish: (n: number, key = `${name}${n}`) => calls[n]!.resolve(key),
    fail: (n: number, message = `${name} broke`) => calls[n]!.reject(new Error(message)),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('shareOutKeys', () => {
  it('gives each free maker the first key not yet started', async () => {
    const own = manualMaker('own');
    const frame = manualMaker('frame');
    const started: [number, number][] = [];
    const keys = shareOutKeys(3, [own.make, frame.make], { onStart: (index, maker) => started.push([index, maker]) });
    expect(started).toEqual([
      [0, 0],
      [1, 1],
    ]);
    frame.finish(0);
    await settle();
    expect(started).toEqual([
      [0, 0],
      [1, 1],
      [2, 1],
    ]);
    own.finish(0);
    frame.finish(1);
    expect(await Promise.all(keys)).toEqual(['own0', 'frame0', 'frame1']);
    expect([own.calls.length, frame.calls.length]).toEqual([1, 2]);
  });

  it('with one maker, starts each key only when the one before is ready', async () => {
    const own = manualMaker('own');
    const keys = shareOutKeys(2, [own.make]);
    expect(own.calls).toHaveLength(1);
    own.finish(0);
    await settle();
    expect(own.calls).toHaveLength(2);
    own.finish(1);
    expect(await Promise.all(keys)).toEqual(['own0', 'own1']);
  });

  it('gives a failed maker no more keys, and its key to another', async () => {
    const own = manualMaker('own');
    const frame = manualMaker('frame');
    const started: [number, number][] = [];
    const keys = shareOutKeys(3, [own.make, frame.make], { onStart: (index, maker) => started.push([index, maker]) });
    frame.fail(0);
    await settle();
    own.finish(0);
    await settle();
    own.finish(1);
    await settle();
    own.finish(2);
    expect(await Promise.all(keys)).toEqual(['own0', 'own1', 'own2']);
    expect(started).toEqual([
      [0, 0],
      [1, 1],
      [1, 0],
      [2, 0],
    ]);
    expect(frame.calls).toHaveLength(1);
  });

  it('rejects the keys left with the last error once every maker has failed, and keeps the keys made', async () => {
    const own = manualMaker('own');
    const frame = manualMaker('frame');
    const keys = shareOutKeys(3, [own.make, frame.make]);
    own.finish(0);
    await settle();
    frame.fail(0, 'frame broke');
    await settle();
    own.fail(1, 'own broke');
    const results = await Promise.allSettled(keys);
    expect(results).toEqual([
      { status: 'fulfilled', value: 'own0' },
      { status: 'rejected', reason: new Error('own broke') },
      { status: 'rejected', reason: new Error('own broke') },
    ]);
  });

  it('starts no key once aborted; the keys being made still arrive', async () => {
    const own = manualMaker('own');
    const stop = new AbortController();
    const keys = shareOutKeys(3, [own.make], { signal: stop.signal });
    stop.abort(new Error('cancelled'));
    own.finish(0);
    const results = await Promise.allSettled(keys);
    expect(results).toEqual([
      { status: 'fulfilled', value: 'own0' },
      { status: 'rejected', reason: new Error('cancelled') },
      { status: 'rejected', reason: new Error('cancelled') },
    ]);
    expect(own.calls).toHaveLength(1);
  });

  it('rejects every key when there is no maker', async () => {
    await expect(Promise.all(shareOutKeys(1, []))).rejects.toThrow('no key maker to make keys with');
  });

  it('counts a maker that throws instead of returning a promise as failed', async () => {
    const broken: KeyMaker<string> = () => {
      throw new Error('no WebCrypto');
    };
    const own = manualMaker('own');
    const keys = shareOutKeys(1, [broken, own.make]);
    await settle();
    own.finish(0);
    expect(await Promise.all(keys)).toEqual(['own0']);
  });

  it('lets a maker join once it is ready, numbered after the others, to take the next key waiting', async () => {
    const own = manualMaker('own');
    const frame = manualMaker('frame');
    let ready!: (maker: KeyMaker<string>) => void;
    const started: [number, number][] = [];
    const keys = shareOutKeys(3, [own.make], {
      joining: [new Promise((resolve) => (ready = resolve))],
      onStart: (index, maker) => started.push([index, maker]),
    });
    ready(frame.make);
    await settle();
    expect(started).toEqual([
      [0, 0],
      [1, 1],
    ]);
    frame.finish(0);
    own.finish(0);
    await settle();
    frame.finish(1);
    expect(await Promise.all(keys)).toEqual(['own0', 'frame0', 'frame1']);
  });

  it('does without a maker that never gets ready, or fails to', async () => {
    const own = manualMaker('own');
    const keys = shareOutKeys(2, [own.make], { joining: [new Promise(() => {}), Promise.reject(new Error('no frame'))] });
    own.finish(0);
    await settle();
    own.finish(1);
    expect(await Promise.all(keys)).toEqual(['own0', 'own1']);
  });

  it('makes every key exactly once, whatever order the makers finish and fail in, never more than atOnce under way in a maker', async () => {
    const plan = fc.record({
      count: fc.integer({ min: 0, max: 12 }),
      // For each extra maker, the call on which it fails (or never); the first maker never fails.
      failsOn: fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), { maxLength: 3 }),
      atOnce: fc.integer({ min: 1, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), plan, async (s, { count, failsOn, atOnce }) => {
        const startedOn: number[][] = [];
        const underWay: number[] = [];
        const failed = new Set<number>();
        let most = 0;
        let askedAfterFailing = 0;
        const makers: KeyMaker<string>[] = [undefined, ...failsOn].map((failOn, maker) => {
          let calls = 0;
          startedOn.push([]);
          underWay.push(0);
          return () => {
            const call = calls++;
            most = Math.max(most, ++underWay[maker]!);
            const outcome = call === failOn ? Promise.reject(new Error('broke')) : Promise.resolve(`${maker}.${call}`);
            return s.schedule(outcome).then(
              (key) => (underWay[maker]!--, key),
              (error: unknown) => {
                underWay[maker]!--;
                failed.add(maker);
                throw error;
              },
            );
          };
        });
        const onStart = (index: number, maker: number) => {
          if (failed.has(maker)) askedAfterFailing++;
          startedOn[maker]!.push(index);
        };
        const keys = shareOutKeys(count, makers, { atOnce, onStart });
        const made = await s.waitFor(Promise.all(keys));
        expect(new Set(made).size).toBe(count);
        expect(most).toBeLessThanOrEqual(atOnce);
        // A maker that failed was not asked again.
        expect(askedAfterFailing).toBe(0);
        failsOn.forEach((failOn, extra) => {
          if (failOn !== undefined && atOnce === 1) expect(startedOn[extra + 1]!.length).toBeLessThanOrEqual(failOn + 1);
        });
        expect(new Set(startedOn.flat())).toEqual(new Set(keys.map((_, index) => index)));
      }),
      { numRuns: 300 },
    );
  });

  it('with atOnce 2, asks each maker for two keys at once, slot by slot across the makers, and the next as one is ready', async () => {
    const own = manualMaker('own');
    const frame = manualMaker('frame');
    const started: [number, number][] = [];
    const keys = shareOutKeys(5, [own.make, frame.make], { atOnce: 2, onStart: (index, maker) => started.push([index, maker]) });
    expect(started).toEqual([
      [0, 0],
      [1, 1],
      [2, 0],
      [3, 1],
    ]);
    frame.finish(1);
    await settle();
    expect(started.at(-1)).toEqual([4, 1]);
    own.finish(0);
    own.finish(1);
    frame.finish(0);
    frame.finish(2);
    expect(await Promise.all(keys)).toEqual(['own0', 'frame0', 'own1', 'frame1', 'frame2']);
    expect([own.calls.length, frame.calls.length]).toEqual([2, 3]);
  });

  it('with atOnce 3 and one maker, starts three keys at once: what an engine that makes keys in parallel needs', () => {
    const own = manualMaker('own');
    shareOutKeys(4, [own.make], { atOnce: 3 });
    expect(own.calls).toHaveLength(3);
  });

  it('asks a maker that failed with keys under way no more; its keys under way still arrive, its failed key goes to another', async () => {
    const own = manualMaker('own');
    const frame = manualMaker('frame');
    const started: [number, number][] = [];
    const keys = shareOutKeys(4, [own.make, frame.make], { atOnce: 2, onStart: (index, maker) => started.push([index, maker]) });
    frame.fail(0); // key 1 goes back in the queue; the frame's other slot (key 3) is still under way
    await settle();
    expect(started.slice(4)).toEqual([]); // the own maker's two slots are busy
    own.finish(0);
    await settle();
    expect(started.slice(4)).toEqual([[1, 0]]);
    frame.finish(1);
    await settle();
    expect(started).toHaveLength(5); // the frame, though it made key 3, is asked no more
    own.finish(1);
    own.finish(2);
    expect(await Promise.all(keys)).toEqual(['own0', 'own2', 'own1', 'frame1']);
  });

  it('gives a maker that joins atOnce slots too', async () => {
    const own = manualMaker('own');
    const frame = manualMaker('frame');
    const keys = shareOutKeys(4, [own.make], { atOnce: 2, joining: [Promise.resolve(frame.make)] });
    expect(own.calls).toHaveLength(2);
    await settle();
    expect(frame.calls).toHaveLength(2);
    own.finish(0);
    own.finish(1);
    frame.finish(0);
    frame.finish(1);
    expect(await Promise.all(keys)).toEqual(['own0', 'own1', 'frame0', 'frame1']);
  });
});

describe('withTimeout', () => {
  afterEach(() => vi.useRealTimers());

  it('passes a key that comes in time', async () => {
    vi.useFakeTimers();
    const frame = manualMaker('frame');
    const key = withTimeout(frame.make, 5000)();
    await vi.advanceTimersByTimeAsync(4000);
    frame.finish(0);
    expect(await key).toBe('frame0');
  });

  it('gives up after the timeout, and at once from then on: the maker is taken for dead', async () => {
    vi.useFakeTimers();
    const frame = manualMaker('frame');
    const make = withTimeout(frame.make, 5000, 'the key frame');
    const key = make();
    const settled = key.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await vi.advanceTimersByTimeAsync(5000);
    expect(await settled).toBe('the key frame made no key in 5000 ms');
    await expect(make()).rejects.toThrow('the key frame stopped answering');
    expect(frame.calls).toHaveLength(1);
  });

  it("in shareOutKeys: a frame that stops answering after it said it was ready has its key made by the worker's own maker", async () => {
    vi.useFakeTimers();
    const own = manualMaker('own');
    const frame = manualMaker('frame');
    const keys = shareOutKeys(3, [own.make], { joining: [Promise.resolve(withTimeout(frame.make, 5000))] });
    await vi.advanceTimersByTimeAsync(0);
    // The frame took key 1 and never answers; the worker makes key 0, then key 2, then, after the timeout, key 1.
    expect(frame.calls).toHaveLength(1);
    own.finish(0);
    await vi.advanceTimersByTimeAsync(0);
    own.finish(1);
    await vi.advanceTimersByTimeAsync(5000);
    own.finish(2);
    expect(await Promise.all(keys)).toEqual(['own0', 'own2', 'own1']);
    expect(frame.calls).toHaveLength(1);
  });
});
