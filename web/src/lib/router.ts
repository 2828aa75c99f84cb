import { useEffect, useState } from 'preact/hooks';

/** A tiny history router: the server answers every page path with index.html (SPA fallback). */
const listeners = new Set<() => void>();

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listeners.forEach((listener) => listener());
  window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => listeners.forEach((listener) => listener()));

export function usePath(): string {
  const [path, setPath] = useState(location.pathname + location.search);
  useEffect(() => {
    const update = () => setPath(location.pathname + location.search);
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return path;
}

/** `/leagues/:id` against `/leagues/abc` → {id: 'abc'}; null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const [pathname] = path.split('?');
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      const value = segmentParam(got[i]);
      if (value === null) return null;
      params[want[i].slice(1)] = value;
    } else if (want[i] !== got[i]) return null;
  }
  return params;
}

/**
 * A path parameter decoded, or null unless it stays one plain segment. Pages put parameters into
 * API paths (`/leagues/${id}/join`): a crafted link whose id decodes to `…/archive?` would turn a
 * click on Join into another request with the visitor's token. Malformed escapes match nothing.
 */
function segmentParam(raw: string): string | null {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return value === '' || value === '.' || value === '..' || /[/?#\\%]/.test(value) ? null : value;
}

/** A link that navigates without reloading the page. */
export function onLinkClick(event: MouseEvent): void {
  const anchor = (event.currentTarget as HTMLAnchorElement);
  if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(anchor.getAttribute('href') ?? '/');
}
