/** A nested Vite build that writes nothing and gives back its one chunk's code (the worker, the prerender). */

import { build, type InlineConfig } from 'vite';

export async function bundleToCode(entry: string, config: InlineConfig): Promise<string> {
  const output = await build({ configFile: false, logLevel: 'warn', mode: 'production', ...config, build: { ...config.build, write: false } });
  const results = Array.isArray(output) ? output : [output];
  const chunk = results.flatMap((result) => ('output' in result ? result.output : [])).find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`bundling ${entry} gave no code`);
  return chunk.code;
}
