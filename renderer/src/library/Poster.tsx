import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { mediaUrl } from '../api/media-url';

/** A poster from the vault through a ticket of its own; the ticket is closed when the row scrolls away. */
export function Poster({ id, alt }: { id: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let token: string | null = null;
    let gone = false;
    api.call('media.open', { id, kind: 'poster' }).then(
      (t) => {
        if (gone) return void api.call('media.close', { token: t.token }).catch(() => undefined);
        token = t.token;
        setSrc(mediaUrl(t.token));
      },
      () => undefined, // no poster: the placeholder stays
    );
    return () => {
      gone = true;
      if (token) void api.call('media.close', { token }).catch(() => undefined);
    };
  }, [id]);
  return src ? <img className="poster" src={src} alt={alt} /> : <div className="poster placeholder" aria-hidden="true" />;
}
