/**
 * `PORT=8080 npm run serve:hosted`: the built page through a real nginx, with
 * deploy/nginx.conf and the headers the build wrote, on 127.0.0.1:$PORT, in
 * the foreground. Builds first if dist/ lacks the page or its headers, serves
 * a copy made at start, and stops nginx and removes its folder on Ctrl-C or SIGTERM.
 */

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nginxConfig } from './nginx-config';

const NGINX = process.env.NGINX ?? (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');
const DIST = resolve('dist');

function port(): number {
  const value = process.env.PORT ?? '8080';
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > 65535) throw new Error(`PORT must be a port number, not "${value}"`);
  return number;
}

function buildIfNeeded(): void {
  if (existsSync(join(DIST, 'index.html')) && existsSync(join(DIST, 'nginx-headers.conf'))) return;
  const build = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** Resolves once nginx has bound the port (it writes its pid file after) and answers; rejects after `ms`. */
async function answering(url: string, pidFile: string, ms: number): Promise<void> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((wait) => setTimeout(wait, 50))) {
    const ok = await new Promise<boolean>((done) =>
      request(url, { method: 'HEAD' }, (response) => done(response.resume().headers.server === 'nginx'))
        .on('error', () => done(false))
        .end(),
    );
    if (ok && existsSync(pidFile)) return;
  }
  throw new Error(`nginx did not answer at ${url} within ${ms} ms`);
}

/**
 * The page and its headers, copied together: a build while nginx runs cannot pair a new page with
 * the old policy (nginx reads the headers once), and nobody can read them wherever dist/ is.
 */
function snapshot(folder: string): string {
  const site = join(folder, 'site');
  mkdirSync(site);
  chmodSync(site, 0o755);
  for (const name of ['index.html', 'nginx-headers.conf']) {
    copyFileSync(join(DIST, name), join(site, name));
    chmodSync(join(site, name), 0o644);
  }
  return site;
}

function serve(listen: number): void {
  buildIfNeeded();
  const folder = mkdtempSync(join(tmpdir(), 'altareq-nginx-'));
  // Run as root, nginx's workers run as nobody: they must be able to reach the folder and read the page.
  chmodSync(folder, 0o711);
  const site = snapshot(folder);
  const root = process.getuid?.() === 0;
  writeFileSync(join(folder, 'nginx.conf'), nginxConfig({ folder, dist: site, port: listen, root }));
  // -e: the error log before the configuration is read (Debian's default is under /var/log).
  const args = ['-p', folder, '-e', 'stderr', '-c', join(folder, 'nginx.conf'), '-g', 'daemon off;'];
  const nginx = spawn(NGINX, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  // Asked to stop (exit 0), or stopped because nginx never answered (exit 1).
  let stopped: number | undefined;
  const stop = (code = 0) => {
    stopped ??= code;
    nginx.kill('SIGTERM');
  };
  process.on('SIGINT', () => stop());
  process.on('SIGTERM', () => stop());
  // `npm run` passes SIGTERM to its shell, which dies and leaves this process behind: stop with it.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop(), 250).unref();
  nginx.on('error', (error) => console.error(`could not start ${NGINX}: ${error.message}`));
  nginx.on('close', (code) => {
    rmSync(folder, { recursive: true, force: true });
    process.exit(stopped ?? (code !== null && code > 0 ? code : 1));
  });
  const url = `http://127.0.0.1:${listen}/`;
  answering(url, join(folder, 'nginx.pid'), 10_000).then(
    () => console.log(`Serving dist/index.html as built at start at ${url} with nginx (config and logs in ${folder}). Ctrl-C stops it.`),
    (error: Error) => (console.error(error.message), stop(1)),
  );
}

try {
  serve(port());
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
