/**
 * The page as it first looks, rendered at build time (build/prerender.ts)
 * so that the browser draws it from HTML before any script runs; main.ts
 * then hydrates it.
 */

import { render } from 'svelte/server';
import App from './App.svelte';

export function prerender(): string {
  return render(App).body;
}
