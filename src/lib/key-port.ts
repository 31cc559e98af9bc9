/**
 * Keys asked for over a MessagePort: the worker asks, the key frame answers
 * (src/frame/key-frame.ts). A CryptoKeyPair crosses as itself, a structured
 * clone, never as exported key bytes in a message.
 */

import type { KeyMaker } from './key-makers';

export type ToKeyFrame = { readonly type: 'make-key'; readonly id: number };

export type FromKeyFrame<K = CryptoKeyPair> =
  | { readonly type: 'ready' }
  | { readonly type: 'key'; readonly id: number; readonly key: K }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

/** The frame's side: answers every request on `port` with a key from `make`, after saying it is ready. */
export function serveKeys<K>(port: MessagePort, make: KeyMaker<K>): void {
  const answer = (message: FromKeyFrame<K>) => port.postMessage(message);
  port.onmessage = async ({ data }: MessageEvent<ToKeyFrame>) => {
    if (data?.type !== 'make-key') return;
    try {
      answer({ type: 'key', id: data.id, key: await make() });
    } catch (error) {
      answer({ type: 'failed', id: data.id, message: error instanceof Error ? error.message : String(error) });
    }
  };
  answer({ type: 'ready' });
}

/** The worker's side: a maker that asks over `port`, once the other side has said it is ready. */
export function keyMakerOverPort<K>(port: MessagePort): Promise<KeyMaker<K>> {
  const asked = new Map<number, { resolve(key: K): void; reject(error: Error): void }>();
  let nextId = 1;
  const maker: KeyMaker<K> = () =>
    new Promise<K>((resolve, reject) => {
      const id = nextId++;
      asked.set(id, { resolve, reject });
      port.postMessage({ type: 'make-key', id } satisfies ToKeyFrame);
    });
  return new Promise((ready) => {
    port.onmessage = ({ data }: MessageEvent<FromKeyFrame<K>>) => {
      if (data.type === 'ready') return ready(maker);
      const request = asked.get(data.id);
      asked.delete(data.id);
      if (data.type === 'key') request?.resolve(data.key);
      else request?.reject(new Error(`the key frame could not make a key: ${data.message}`));
    };
  });
}
