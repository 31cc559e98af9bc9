/** A nested Vite build that writes nothing and gives back its one chunk's code (the worker, the boot script, the prerender). */

import { build, type InlineConfig } from 'vite';

export async function bundleToCode(entry: string, config: InlineConfig): Promise<string> {
  const output = await build({ configFile: false, logLevel: 'warn', mode: 'production', ...config, build: { ...config.build, write: false } });
  const results = Array.isArray(output) ? output : [output];
  const chunk = results.flatMap((result) => ('output' in result ? result.output : [])).find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`bundling ${entry} gave no code`);
  return chunk.code;
}

/** `entry` bundled on its own as one classic script, minified: the worker, the boot script. */
export function bundleClassicScript(entry: string, name: string): Promise<string> {
  return bundleToCode(entry, {
    build: { target: 'es2023', minify: true, lib: { entry, formats: ['iife'], name, fileName: name } },
  });
}
