import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

// One self-contained dist/index.html: it must open from file:// on an
// air-gapped laptop, so every script and style is inlined and URLs are relative.
export default defineConfig({
  base: './',
  plugins: [svelte(), viteSingleFile()],
  build: {
    target: 'es2023',
    sourcemap: false,
  },
});
