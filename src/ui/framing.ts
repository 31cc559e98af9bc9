/**
 * Whether the page is inside a frame of another origin: a site that shows
 * this page in a frame could lay its own content over the form or the
 * download (clickjacking). A `<meta>` CSP cannot say `frame-ancestors`, so
 * the page checks for itself, and then makes no keys (src/App.svelte).
 */

/** True when `view` is not the top window and the window above it cannot be read: another origin's. */
export function framedByAnotherOrigin(view: Window): boolean {
  if (view.top === view.self) return false;
  try {
    // Reading another origin's location throws a SecurityError; the same origin's is readable.
    void view.parent.location.href;
    return view.top === null;
  } catch {
    return true;
  }
}
