import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { mediaUrl } from '../api/media-url';

/**
 * A play ticket for as long as the component lives: the token is closed on unmount so a closed
 * player leaves nothing that still decrypts. Lock revokes all tokens in the core anyway.
 */
export function usePlaybackTicket(recordingId: string): { src: string | null; error: unknown } {
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let token: string | null = null;
    let gone = false;
    setSrc(null);
    setError(null);
    api.call('media.open', { id: recordingId, kind: 'play' }).then(
      (ticket) => {
        if (gone) return void api.call('media.close', { token: ticket.token }).catch(() => undefined);
        token = ticket.token;
        setSrc(mediaUrl(ticket.token));
      },
      (e: unknown) => !gone && setError(e),
    );
    return () => {
      gone = true;
      if (token) void api.call('media.close', { token }).catch(() => undefined);
    };
  }, [recordingId]);
  return { src, error };
}
