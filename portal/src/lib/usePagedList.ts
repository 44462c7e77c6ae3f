import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Page } from '../api/endpoints';

export interface PagedList<T> {
  items: T[];
  /** The first page is loading (nothing to show yet). */
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  /** True while there is a next page to ask for. */
  hasMore: boolean;
  /** Asks for the next page with the cursor the last one gave. */
  loadMore: () => void;
  /** Starts again from the first page. */
  reload: () => void;
  /** How many pages are shown. */
  pages: number;
}

/**
 * A list the API pages with opaque cursors (`{items, nextCursor}`): the first page on load and
 * whenever `deps` change, the next one on `loadMore`. A newer load cancels an older one.
 */
export function usePagedList<T>(
  load: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>,
  deps: unknown[],
): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [pages, setPages] = useState(0);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const controller = useRef<AbortController | null>(null);

  const run = (from: string | null, append: boolean) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    if (append) setLoadingMore(true);
    else setLoading(true);
    load(from, current.signal)
      .then((page) => {
        if (current.signal.aborted) return;
        setItems((before) => (append ? [...before, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setPages((n) => (append ? n + 1 : 1));
        setError(null);
      })
      .catch((e: unknown) => {
        if (!current.signal.aborted) setError(e);
      })
      .finally(() => {
        if (current.signal.aborted) return;
        setLoading(false);
        setLoadingMore(false);
      });
  };

  useEffect(() => {
    run(null, false);
    return () => controller.current?.abort();
  }, [...deps, version]);

  const loadMore = useCallback(() => {
    if (cursor && !loadingMore) run(cursor, true);
  }, [cursor, loadingMore]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  return { items, loading, loadingMore, error, hasMore: cursor !== null, loadMore, reload, pages };
}
