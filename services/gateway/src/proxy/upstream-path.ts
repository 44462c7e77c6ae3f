// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A path parameter that could name something other than one thing: a separator, a dot segment, a control character. */
function unsafeParameter(value: string): boolean {
  return value === '' || value === '.' || value === '..' || value.includes('/') || value.includes('\\') || CONTROL.test(value);
}

/**
 * The path the gateway asks a service for, built from the route it matched (never from the raw
 * URL): each parameter percent-encoded, the query re-serialised from the parsed (policed) query.
 * Null when a parameter is unsafe: the caller answers 404.
 */
export function upstreamPath(pattern: string, params: Record<string, string>, query: Record<string, unknown> | undefined): string | null {
  const segments: string[] = [];
  for (const segment of pattern.split('/')) {
    if (!segment.startsWith(':')) {
      segments.push(segment);
      continue;
    }
    const value = params[segment.slice(1)];
    if (typeof value !== 'string' || unsafeParameter(value)) return null;
    segments.push(encodeURIComponent(value));
  }
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string') search.append(name, item);
    }
  }
  const queryString = search.toString();
  return segments.join('/') + (queryString ? `?${queryString}` : '');
}
