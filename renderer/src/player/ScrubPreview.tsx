import { useEffect, useState } from 'react';
import type { Output } from '../../../electron/core/api/contract';
import { api } from '../api/client';
import { mediaUrl } from '../api/media-url';

export type SpriteGrid = NonNullable<Output<'recordings.detail'>['sprite']>;

/** The sprite sheet's URL for as long as the player lives (its own ticket, closed on unmount). */
export function useSpriteUrl(recordingId: string, grid: SpriteGrid | null | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  const has = !!grid;
  useEffect(() => {
    if (!has) return;
    let token: string | null = null;
    let gone = false;
    api.call('media.open', { id: recordingId, kind: 'sprite' }).then(
      (t) => {
        if (gone) return void api.call('media.close', { token: t.token }).catch(() => undefined);
        token = t.token;
        setUrl(mediaUrl(t.token));
      },
      () => undefined, // no sprite: scrubbing just has no preview
    );
    return () => {
      gone = true;
      if (token) void api.call('media.close', { token }).catch(() => undefined);
    };
  }, [recordingId, has]);
  return url;
}

/**
 * The sprite tile nearest to `at` seconds, drawn by moving the sheet behind a tile-sized window.
 * Decorative (aria-hidden): the position slider already says the time.
 */
export function ScrubPreview({ url, grid, at, x }: { url: string; grid: SpriteGrid; at: number; x: number }) {
  const i = Math.max(0, Math.min(grid.count - 1, Math.floor(at / grid.intervalSec)));
  const col = i % grid.columns;
  const row = Math.floor(i / grid.columns);
  return (
    <div
      className="scrub-preview"
      aria-hidden="true"
      data-tile={i}
      style={{
        left: x,
        width: grid.tileWidth,
        height: grid.tileHeight,
        backgroundImage: `url("${url}")`,
        backgroundPosition: `-${col * grid.tileWidth}px -${row * grid.tileHeight}px`,
      }}
    />
  );
}
