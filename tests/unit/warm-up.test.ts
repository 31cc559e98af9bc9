import { describe, expect, it } from 'vitest';
import { warmUp } from '../../src/lib/warm-up';
import { nodeCrypto } from '../support/fixtures';

/** The Node WebCrypto, logging the name of every subtle method called on it. */
function loggingCrypto(log: string[]): Crypto {
  const subtle = new Proxy(nodeCrypto.subtle, {
    get(target, name: string) {
      const method = Reflect.get(target, name) as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => (log.push(name), method.apply(target, args));
    },
  });
  return { subtle } as Crypto;
}

describe('warmUp', () => {
  it('runs the rounds asked for, and never makes, signs with or exports a key', async () => {
    const log: string[] = [];
    expect(await warmUp(loggingCrypto(log), { rounds: 2, budgetMs: 60_000, stop: () => false })).toBe(2);
    // The CSR is "signed" by the stand-in; only digests and the checklist's signature check reach WebCrypto.
    expect(new Set(log)).toEqual(new Set(['digest', 'importKey', 'verify']));
    expect(log.filter((name) => name === 'digest')).toHaveLength(2 * 3 * 2);
  });

  it('gives way to real work: no round once stop() says so', async () => {
    const log: string[] = [];
    let asked = false;
    const rounds = warmUp(loggingCrypto(log), { rounds: 20, budgetMs: 60_000, stop: () => asked });
    asked = true;
    expect(await rounds).toBe(1); // the round under way when the request came
    expect(await warmUp(loggingCrypto(log), { rounds: 20, budgetMs: 60_000, stop: () => true })).toBe(0);
  });

  it('stops at its time budget', async () => {
    expect(await warmUp(nodeCrypto, { rounds: 20, budgetMs: 0, stop: () => false })).toBe(0);
  });
});
