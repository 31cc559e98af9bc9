import { hydrate, mount } from 'svelte';
import App from './App.svelte';
import './ui/theme.css';

const target = document.getElementById('app')!;
// The build draws the first view into the HTML (build/prerender.ts) and runs this script once the
// page has loaded (src/boot.ts): it attaches the page's behaviour to what is on screen. The dev
// server serves the page without the prerendered view.
if (target.hasChildNodes()) hydrate(App, { target });
else mount(App, { target });
performance.mark('altareq:interactive');
