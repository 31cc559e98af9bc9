import { describe, expect, it } from 'vitest';
import { PROBE_KEYS, keysAtOnce } from '../../src/lib/keys-at-once';

/** A WebCrypto whose n-th generateKey (0-based) resolves `finishAt[n]` ms after it is asked; records what it was asked. */
function fakeCrypto(finishAt: number[], fail = false) {
  const asked: unknown[] = [];
  const crypto = {
    subtle: {
      generateKey: (algorithm: unknown) => {
        const n = asked.push(algorithm) - 1;
        return new Promise((resolve, reject) => setTimeout(() => (fail ? reject(new Error('no')) : resolve({})), finishAt[n]));
      },
    },
  } as unknown as Crypto;
  return { crypto, asked };
}

describe('keysAtOnce', () => {
  it('asks for four RSA-1024 keys at once', async () => {
    const { crypto, asked } = fakeCrypto([1, 2, 3, 4]);
    await keysAtOnce(crypto, 8);
    expect(PROBE_KEYS).toBe(4);
    expect(asked).toHaveLength(4);
    expect(asked[0]).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024 });
  });

  it('answers 1 when the keys arrive in the order asked: made one at a time (Chromium, WebKitGTK)', async () => {
    expect(await keysAtOnce(fakeCrypto([5, 10, 15, 20]).crypto, 8)).toBe(1);
  });

  it('answers the number of cores when a later key overtakes an earlier one: made in parallel (Firefox)', async () => {
    expect(await keysAtOnce(fakeCrypto([10, 5, 15, 20]).crypto, 8)).toBe(8);
    expect(await keysAtOnce(fakeCrypto([5, 10, 20, 15]).crypto, 2)).toBe(2);
  });

  it('answers 1 when the number of cores is unknown or nonsense', async () => {
    expect(await keysAtOnce(fakeCrypto([10, 5, 15, 20]).crypto, 0)).toBe(1);
    expect(await keysAtOnce(fakeCrypto([10, 5, 15, 20]).crypto, Number.NaN)).toBe(1);
  });

  it('answers 1 when the probe cannot make its keys', async () => {
    expect(await keysAtOnce(fakeCrypto([10, 5, 15, 20], true).crypto, 8)).toBe(1);
  });
});
