import { useCallback, useEffect, useRef, useState } from 'react';
import type { KluisEvent } from '../../../electron/core/api/contract';
import { queryLibrary, type LibraryQuery, type LibraryRow } from './query';

export const PAGE = 100;

/**
 * Events after which the rows on screen are stale: the media side finished probing or a poster,
 * or a redacted render committed its new recording (phase 'done' comes after the commit; a
 * preview never reaches it, as previews add no recording).
 */
export function changesRows(e: KluisEvent): boolean {
  return e.type === 'media.updated' || (e.type === 'redact.progress' && e.progress.phase === 'done');
}

/**
 * Rows fetched a page at a time as they come into view (offset/limit), kept by page index.
 * A new query (search, sort, filter) starts over; answers to an older query are dropped. Each
 * page of a query is asked for once, however many callers want it.
 */
export function usePagedRows(query: Omit<LibraryQuery, 'offset' | 'limit'>) {
  const [total, setTotal] = useState<number | null>(null);
  const [pages, setPages] = useState<Map<number, LibraryRow[]>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const asked = useRef(new Set<number>());
  const generation = useRef(0);
  const key = JSON.stringify(query);
  // the query the pages in `asked` belong to; null before the first ask
  const askedFor = useRef<string | null>(null);

  const load = useCallback(
    (page: number) => {
      // A new query starts over here, at its first ask, whoever asks: the list's own effect runs
      // before this hook's (children's effects run first), so a reset in an effect of ours would
      // drop the page the list had just asked for and ask for it again (two queries on unlock).
      if (askedFor.current !== key) {
        askedFor.current = key;
        generation.current++;
        asked.current = new Set();
        setPages(new Map());
        setError(null);
      }
      if (asked.current.has(page)) return;
      asked.current.add(page);
      const gen = generation.current;
      queryLibrary({ ...(JSON.parse(key) as LibraryQuery), offset: page * PAGE, limit: PAGE }).then(
        (res) => {
          if (gen !== generation.current) return;
          setTotal(res.total);
          setPages((p) => new Map(p).set(page, res.rows));
        },
        (e: unknown) => {
          if (gen !== generation.current) return;
          asked.current.delete(page);
          setError(e);
        },
      );
    },
    [key],
  );

  // The first page of every query, also when nothing in view asks (an empty list has no rows).
  useEffect(() => load(0), [load]);

  /**
   * Same query, fresher rows (after background work): the pages already shown are fetched again
   * and replace the old ones in place, so the list does not blank out or jump.
   */
  const refresh = useCallback(() => {
    const shown = [...asked.current];
    generation.current++;
    asked.current = new Set();
    for (const p of shown.length ? shown : [0]) load(p);
  }, [load]);

  /** Asks for the pages that cover rows [first, last). */
  const ensure = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(first / PAGE); p <= Math.floor(Math.max(first, last - 1) / PAGE); p++) load(p);
    },
    [load],
  );

  const row = (i: number): LibraryRow | undefined => pages.get(Math.floor(i / PAGE))?.[i % PAGE];
  return { total, row, ensure, error, refresh };
}
