import { hydrate, mount } from 'svelte';
import App from './App.svelte';
import './ui/theme.css';

/** Resolves in the task after the load event, so that the load event is not held up. */
function afterLoad(): Promise<void> {
  return new Promise((resolve) => {
    const next = () => setTimeout(resolve);
    if (document.readyState === 'complete') next();
    else addEventListener('load', next, { once: true });
  });
}

const target = document.getElementById('app')!;
if (target.hasChildNodes()) {
  // The build drew the first view into the HTML (scripts/prerender.ts), so the page shows before
  // this script runs; it attaches the page's behaviour once the page has loaded.
  await afterLoad();
  hydrate(App, { target });
} else {
  mount(App, { target }); // the dev server serves the page without the prerendered view
}
performance.mark('altareq:interactive');
