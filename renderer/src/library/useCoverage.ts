import { useEffect, useRef, useState } from 'react';
import type { Output } from '../../../electron/core/api/contract';
import { api } from '../api/client';

export type CoverageSummary = Output<'coverage.summaries'>[number];

/**
 * Coverage summaries for the rows in view, asked for in one call per new set of ids; `version`
 * changes when consent may have changed (a panel closed, a retention run) and refetches.
 * A failure leaves rows without a badge rather than breaking the list.
 */
export function useCoverage(ids: readonly string[], version: unknown): Map<string, CoverageSummary> {
  const [known, setKnown] = useState<Map<string, CoverageSummary>>(new Map());
  const asked = useRef(new Set<string>());
  const key = ids.join(',');

  useEffect(() => {
    asked.current = new Set();
    setKnown(new Map());
  }, [version]);

  useEffect(() => {
    const missing = key ? key.split(',').filter((id) => !asked.current.has(id)) : [];
    if (missing.length === 0) return;
    for (const id of missing) asked.current.add(id);
    let gone = false;
    api.call('coverage.summaries', { recordingIds: missing }).then(
      (rows) => {
        if (gone) return;
        setKnown((m) => {
          const next = new Map(m);
          for (const r of rows) next.set(r.recordingId, r);
          return next;
        });
      },
      () => {
        for (const id of missing) asked.current.delete(id);
      },
    );
    return () => {
      gone = true;
      for (const id of missing) asked.current.delete(id);
    };
  }, [key, version]);
  return known;
}
