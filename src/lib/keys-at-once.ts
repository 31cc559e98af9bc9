/**
 * How many keys to ask one WebCrypto for at once (./key-makers.ts, `atOnce`).
 * Chromium makes a renderer process's RSA keys one at a time, in the order
 * asked, and so does WebKitGTK; Firefox makes a page's keys in parallel. So a probe asks for a few small keys at
 * once and watches the order they arrive in: always in order where keys are
 * made one at a time, out of order (a later, luckier prime search overtaking)
 * where they are made in parallel. An engine that makes keys one at a time
 * never answers out of order, so it always gets 1, the scheme that is fastest
 * there. A parallel engine answers in order too when its threads find no
 * free core (about half the runs on a 2-core machine kept busy by other jobs,
 * measured): then it gets 1, as before this probe, and more at once would not
 * have helped.
 */

/** Four RSA-1024 keys: about a fifth of one RSA-2048 key's work, once, while the page is idle. */
export const PROBE_KEYS = 4;
const PROBE_ALGORITHM: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 1024,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

/** `cores` if `crypto` made the probe's keys out of order (in parallel), else 1. The probe's keys are dropped. */
export async function keysAtOnce(crypto: Crypto, cores: number): Promise<number> {
  const order: number[] = [];
  try {
    await Promise.all(
      Array.from({ length: PROBE_KEYS }, (_, index) => crypto.subtle.generateKey(PROBE_ALGORITHM, false, ['sign']).then(() => order.push(index))),
    );
  } catch {
    return 1; // a WebCrypto that cannot make the probe's keys is asked for one at a time, as before
  }
  const inOrder = order.every((index, at) => index === at);
  return inOrder ? 1 : Math.max(1, Math.floor(cores) || 1);
}
