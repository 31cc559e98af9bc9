/**
 * The key frame: a hidden, sandboxed frame of the page (scripts only, an
 * opaque origin) that makes RSA key pairs for the worker and nothing else.
 * Chromium runs sandboxed frames in a renderer process of their own, with a
 * WebCrypto thread of their own, so the worker and this frame make two keys
 * at once (src/lib/key-makers.ts). It sees no request and keeps no key: each
 * pair goes to the worker over the MessagePort the page hands it. Its CSP is
 * the page's, inherited by srcdoc: no connection of any kind.
 */

import { serveKeys } from '../lib/key-port';
import { generateRsaKeyPair } from '../lib/keys';

function acceptPort(event: MessageEvent): void {
  const port = event.ports[0];
  // Only the page that made this frame hands it a port, once.
  if (event.source !== parent || !port) return;
  removeEventListener('message', acceptPort);
  // Without WebCrypto the frame never says it is ready, and the worker makes every key itself.
  if (crypto?.subtle) serveKeys(port, () => generateRsaKeyPair(crypto));
}

addEventListener('message', acceptPort);
