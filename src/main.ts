import { hydrate, mount } from 'svelte';
import App from './App.svelte';
import './ui/theme.css';

const target = document.getElementById('app')!;
if (target.hasChildNodes()) {
  // The build drew the first view into the HTML (scripts/prerender.ts), so the page shows before
  // this runs; attaching its behaviour waits for the task after the load event.
  await new Promise((resolve) => (document.readyState === 'complete' ? setTimeout(resolve) : addEventListener('load', () => setTimeout(resolve), { once: true })));
  hydrate(App, { target });
} else {
  mount(App, { target }); // the dev server serves the page without the prerendered view
}
performance.mark('altareq:interactive');
