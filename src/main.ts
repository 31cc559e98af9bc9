import { hydrate, mount, tick } from 'svelte';
import App from './App.svelte';
import { setLocale } from './ui/i18n/index.svelte';
import { LOCALE_PENDING, prefersArabic } from './ui/i18n/preferred';
import './ui/theme.css';

const target = document.getElementById('app')!;
// The build draws the first view into the HTML (build/prerender.ts) and runs this script once the
// page has loaded (src/boot.ts): it attaches the page's behaviour to what is on screen. The dev
// server serves the page without the prerendered view.
if (target.hasChildNodes()) hydrate(App, { target });
else mount(App, { target });
// The browser's language: Arabic is read from the page and shown before the page is revealed.
if (prefersArabic(navigator.languages ?? [navigator.language])) {
  void setLocale('ar')
    .then(() => tick())
    .finally(() => {
      document.documentElement.classList.remove(LOCALE_PENDING);
      performance.mark('altareq:interactive');
    });
} else {
  performance.mark('altareq:interactive');
}
