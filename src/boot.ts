/**
 * The built page's one inline script. The page's own script (Svelte and the
 * UI) waits in the page as plain text (build/page-script.ts); this runs it
 * once the page has loaded. The first view is already drawn from HTML
 * (build/prerender.ts), so compiling the script no longer holds up the
 * first paint or `load`; main.ts then attaches behaviour to what is shown.
 */

import { LOCALE_PENDING, prefersArabic } from './ui/i18n/preferred';
import { PAGE_SCRIPT } from './ui/packed';

function runPageScript(): void {
  const script = document.createElement('script');
  script.type = 'module';
  // The CSP allows this script by its hash (build/csp.ts).
  script.textContent = document.getElementById(PAGE_SCRIPT)!.textContent;
  document.head.append(script);
}

// A browser set to Arabic: the page is drawn in English, so it is kept unseen, right-to-left already,
// until main.ts has switched it (no flash of the wrong language).
if (prefersArabic(navigator.languages ?? [navigator.language])) {
  document.documentElement.classList.add(LOCALE_PENDING);
  document.documentElement.lang = 'ar';
  document.documentElement.dir = 'rtl';
}

// The task after `load`, so that the load event is not held up either.
addEventListener('load', () => setTimeout(runPageScript), { once: true });
