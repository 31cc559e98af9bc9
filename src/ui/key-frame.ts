/**
 * The page's side of the key frame (src/frame/key-frame.ts): made when the
 * worker starts, from the script the build leaves in the page in a
 * `<template>` (build/key-frame.ts), and removed, with any key it was
 * making, when the worker is stopped. The worker gets the other end of its port.
 */

/** The `<template>` holding the frame's document: its one script, inert in the page. */
export const KEY_FRAME = 'key-frame';

export interface KeyFrame {
  /** For the worker: keys are asked for and arrive on it (src/lib/key-port.ts). */
  readonly port: MessagePort;
  remove(): void;
}

/** A hidden, sandboxed frame that makes keys; none in a page built without its script. */
export function openKeyFrame(): KeyFrame | undefined {
  const template = document.getElementById(KEY_FRAME);
  if (!(template instanceof HTMLTemplateElement)) return undefined;
  const frame = document.createElement('iframe');
  // Scripts and nothing else: an opaque origin with no way into the page, no forms, popups or navigation.
  frame.sandbox.value = 'allow-scripts';
  frame.hidden = true;
  // The frame inherits the page's CSP, which allows its script by its hash (build/csp.ts).
  frame.srcdoc = template.innerHTML;
  const channel = new MessageChannel();
  // An opaque origin matches no target but '*'; what crosses is only the frame's end of the port.
  frame.addEventListener('load', () => frame.contentWindow?.postMessage('key-port', '*', [channel.port1]), { once: true });
  document.body.append(frame);
  return { port: channel.port2, remove: () => frame.remove() };
}
