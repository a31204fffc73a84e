import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { choicesOf, type PersonChoice } from './people';

export type { PersonChoice };

/** Everyone in the vault, the people linked to this recording first, each with their consent for its purpose. */
export function usePeople(recordingId: string): { people: PersonChoice[]; error: unknown } {
  const [people, setPeople] = useState<PersonChoice[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let gone = false;
    Promise.all([
      api.call('persons.list', {}),
      api.call('appearances.list', { recordingId }),
      api.call('consents.list', {}),
      api.call('recordings.consentInfo', { recordingId }),
    ]).then(
      ([persons, appearances, all, info]) => !gone && setPeople(choicesOf(persons, new Set(appearances.map((a) => a.personId)), all, info?.purpose ?? null)),
      (e: unknown) => !gone && setError(e),
    );
    return () => {
      gone = true;
    };
  }, [recordingId]);
  return { people, error };
}
