// Client-side routing on the history API: the gateway answers every non-API path with
// index.html, so links from e-mails (`/reset-password?token=…`, `/invitations/accept?token=…`)
// open the right screen directly.
import { useEffect, useState } from 'preact/hooks';

export interface Location {
  path: string;
  query: URLSearchParams;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let navigations = 0;

function read(): Location {
  const path = window.location.pathname.replace(/\/+$/, '') || '/';
  return { path, query: new URLSearchParams(window.location.search) };
}

/** `quiet` (for redirects) changes the screen without counting as the user's own navigation. */
export function navigate(to: string, options: { replace?: boolean; quiet?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  if (!options.quiet) navigations += 1;
  for (const listener of listeners) listener();
}

/** True once the user has moved between screens (used to move focus to the new heading). */
export function hasNavigated(): boolean {
  return navigations > 0;
}

window.addEventListener('popstate', () => {
  navigations += 1;
  for (const listener of listeners) listener();
});

export function useLocation(): Location {
  const [location, setLocation] = useState(read);
  useEffect(() => {
    const listener = () => setLocation(read());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return location;
}

/** Matches `/inbox/:shareId` style patterns; returns the parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const source = pattern.replace(/:(\w+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const found = new RegExp(`^${source}$`).exec(path);
  if (!found) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? '')]));
}

/** Follows in-app links without a page load; modified clicks (new tab) keep their default. */
export function onLinkClick(event: MouseEvent, to: string): void {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  ) {
    return;
  }
  event.preventDefault();
  navigate(to);
}
