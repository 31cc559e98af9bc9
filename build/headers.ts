/**
 * The HTTP headers a web server sends with the hosted page, written by the
 * build next to index.html: `_headers` for static hosts that read one
 * (Netlify, Cloudflare Pages) and `nginx-headers.conf` for deploy/nginx.conf.
 * The policy is read back from the built file's own <meta> tag, so the header
 * and the file cannot disagree; the header adds what a <meta> CSP cannot say.
 */

import type { Plugin } from 'vite';
import { builtPage } from './csp';

const META = /<meta http-equiv="Content-Security-Policy" content="([^"]+)" \/>/;

/** The CSP in a built page's <meta> tag. */
export function metaPolicy(html: string): string {
  const policy = META.exec(html)?.[1];
  if (policy === undefined) throw new Error('index.html has no Content-Security-Policy <meta> tag');
  return policy;
}

// What the page never uses (it makes keys with WebCrypto and downloads a zip; Copy writes the
// clipboard, which stays allowed). Only names Chromium knows, so its console stays quiet.
const UNUSED_FEATURES = [
  'accelerometer', 'autoplay', 'camera', 'clipboard-read', 'display-capture', 'encrypted-media',
  'fullscreen', 'geolocation', 'gyroscope', 'hid', 'idle-detection', 'magnetometer', 'microphone', 'midi',
  'payment', 'picture-in-picture', 'publickey-credentials-create', 'publickey-credentials-get',
  'screen-wake-lock', 'serial', 'usb', 'xr-spatial-tracking',
];

/** The headers for a page whose inline code is allowed by `policy`, in the order they are written. */
export function hostedHeaders(policy: string): [name: string, value: string][] {
  return [
    // A <meta> policy cannot forbid framing; the header can, so no other site can lay itself over the form.
    ['Content-Security-Policy', `${policy}; frame-ancestors 'none'`],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Permissions-Policy', UNUSED_FEATURES.map((feature) => `${feature}=()`).join(', ')],
    // The file's name never changes but its content does with each release: revalidate every time (ETag, 304).
    ['Cache-Control', 'no-cache'],
  ];
}

/** Netlify's and Cloudflare Pages' `_headers`: every path gets them. */
export function headersFile(headers: [string, string][]): string {
  const lines = headers.map(([name, value]) => `  ${name}: ${value}`);
  // Cloudflare Pages ignores a longer line: fail the build rather than ship a page without its CSP.
  const long = lines.find((line) => line.length > 2000);
  if (long) throw new Error(`a _headers line is over Cloudflare's 2000 characters: ${long.slice(0, 80)}…`);
  return `/*\n${lines.map((line) => `${line}\n`).join('')}`;
}

/** `add_header` lines for nginx, sent with every response (`always`), errors included. */
export function nginxHeaders(headers: [string, string][]): string {
  const lines = headers.map(([name, value]) => {
    // Inside nginx's double quotes, `"`, `\` and `$` would mean something; a policy of hashes holds none.
    if (/["\\$]/.test(value)) throw new Error(`the ${name} header cannot be written for nginx: ${value}`);
    return `add_header ${name} "${value}" always;\n`;
  });
  return `# Written by \`npm run build\` from dist/index.html: included by deploy/nginx.conf.\n${lines.join('')}`;
}

/** Emits `_headers` and `nginx-headers.conf` from the finished index.html (after the CSP plugin). */
export function headersPlugin(): Plugin {
  return {
    name: 'altareq:headers',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const page = builtPage(bundle);
        const headers = hostedHeaders(metaPolicy(page.source));
        this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile(headers) });
        this.emitFile({ type: 'asset', fileName: 'nginx-headers.conf', source: nginxHeaders(headers) });
      },
    },
  };
}
