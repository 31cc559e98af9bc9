import { describe, expect, it } from 'vitest';
import { framedByAnotherOrigin } from '../../src/ui/framing';

/** A window as framing.ts sees it: its top, itself, and a parent whose location may be unreadable. */
function view(kind: 'top' | 'same-origin frame' | 'other-origin frame'): Window {
  const parent = {
    get location(): Location {
      if (kind === 'other-origin frame') throw new DOMException('Blocked a frame with origin "http://127.0.0.1:1" from accessing a cross-origin frame.', 'SecurityError');
      return { href: 'http://127.0.0.1:1/parent.html' } as Location;
    },
  };
  const self = {} as Window;
  return Object.assign(self, { self, top: kind === 'top' ? self : parent, parent: kind === 'top' ? self : parent }) as unknown as Window;
}

describe('framedByAnotherOrigin', () => {
  it.each([
    { name: 'the top window', input: view('top'), want: false },
    { name: 'a frame of its own origin', input: view('same-origin frame'), want: false },
    { name: "a frame of another origin, whose location it cannot read", input: view('other-origin frame'), want: true },
  ])('$name: $want', ({ input, want }) => {
    expect(framedByAnotherOrigin(input)).toBe(want);
  });
});
