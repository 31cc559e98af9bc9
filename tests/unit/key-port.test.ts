import { afterEach, describe, expect, it } from 'vitest';
import { keyMakerOverPort, serveKeys, type FromKeyFrame } from '../../src/lib/key-port';

const channels: MessageChannel[] = [];
afterEach(() => channels.splice(0).forEach(({ port1, port2 }) => (port1.close(), port2.close())));

function channel(): MessageChannel {
  const made = new MessageChannel();
  channels.push(made);
  return made;
}

describe('serveKeys and keyMakerOverPort', () => {
  it('says it is ready, then answers each request with its own key', async () => {
    const { port1, port2 } = channel();
    let made = 0;
    serveKeys(port1, async () => ({ key: ++made }));
    const make = await keyMakerOverPort<{ key: number }>(port2);
    expect(await Promise.all([make(), make(), make()])).toEqual([{ key: 1 }, { key: 2 }, { key: 3 }]);
  });

  it("turns the frame's failure into a rejection that says where it came from", async () => {
    const { port1, port2 } = channel();
    serveKeys(port1, () => Promise.reject(new DOMException('The operation failed', 'OperationError')));
    const make = await keyMakerOverPort(port2);
    await expect(make()).rejects.toThrow('the key frame could not make a key: The operation failed');
  });

  it('ignores a message that is not a request for a key', async () => {
    const { port1, port2 } = channel();
    serveKeys(port1, async () => 'key');
    const answers: FromKeyFrame<string>[] = [];
    port2.onmessage = ({ data }) => answers.push(data);
    port2.postMessage({ type: 'export-everything' });
    port2.postMessage(null);
    port2.postMessage({ type: 'make-key', id: 7 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answers).toEqual([{ type: 'ready' }, { type: 'key', id: 7, key: 'key' }]);
  });
});
