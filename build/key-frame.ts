/**
 * Bundles the key frame's script (src/frame/key-frame.ts) into the page as
 * the inert content of a `<template>`: it does not run in the page, and the
 * page makes the frame's srcdoc from it (src/ui/key-frame.ts). The CSP hashes
 * it like any inline script, since the frame runs it under the page's policy.
 */

import type { Plugin } from 'vite';
import { bundleClassicScript } from './bundle';
import { KEY_FRAME } from '../src/ui/key-frame';

const TEMPLATE = new RegExp(`<template id="${KEY_FRAME}"><script>([\\s\\S]*?)</script></template>`);

/** The key frame's script, as the frame will run it. */
export function keyFrameScript(html: string): string {
  const script = TEMPLATE.exec(html)?.[1];
  if (script === undefined) throw new Error(`the page has no ${KEY_FRAME} template`);
  return script;
}

export function keyFramePlugin(entry: string): Plugin {
  return {
    name: 'altareq:key-frame',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        const script = (await bundleClassicScript(entry, 'keyFrame')).trim();
        if (/<\/script/i.test(script)) throw new Error('the key frame script must not contain </script');
        return html.replace('</body>', `  <template id="${KEY_FRAME}"><script>${script}</script></template>\n  </body>`);
      },
    },
  };
}
