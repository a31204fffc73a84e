import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { ScreenHeading } from '../components/ScreenHeading';
import { AddPersonForm } from './AddPersonForm';
import { PersonDetail } from './PersonDetail';
import { RecordingsConsent } from './RecordingsConsent';
import { SessionPlanner } from './SessionPlanner';
import type { Person } from './vocab';
import './people.css';

/** People: the list (pseudonym first, R10), a form to add one, and the chosen person's consents. */
export function PeopleScreen() {
  const { t } = useTranslation();
  const [persons, setPersons] = useState<Person[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  // bumped when recordings were deleted here, so the per-recording panel drops them
  const [deletions, setDeletions] = useState(0);

  const load = useCallback(async () => {
    try {
      setPersons(await api.call('persons.list', {}));
    } catch (e) {
      setError(e);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="card wide people-screen">
      <div className="title-row">
        <ScreenHeading>{t('people.title')}</ScreenHeading>
        <button type="button" aria-expanded={adding} onClick={() => setAdding((v) => !v)}>
          {t('people.add')}
        </button>
      </div>
      <p className="muted">{t('people.intro')}</p>
      <ErrorAlert error={error} />
      {adding && (
        <AddPersonForm
          onAdded={(p) => {
            setAdding(false);
            setChosen(p.id);
            void load();
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      <div className="people-layout">
        <div>
          <h2 id="people-list-heading">{t('people.listHeading')}</h2>
          {persons === null ? (
            <p role="status">{t('people.loading')}</p>
          ) : persons.length === 0 ? (
            <p className="empty">{t('people.empty')}</p>
          ) : (
            <ul className="people-list" aria-labelledby="people-list-heading">
              {persons.map((p) => (
                <li key={p.id}>
                  <button type="button" aria-current={chosen === p.id ? 'true' : undefined} onClick={() => setChosen(p.id)}>
                    <strong>{p.pseudonym}</strong> <span className="muted">· {t(`people.roles.${p.role}`)}</span>
                    {(p.minor || p.birthYear !== null) && (
                      <span className="muted small">
                        {' '}
                        · {p.minor ? t('people.minor') : ''}
                        {p.minor && p.birthYear !== null ? ', ' : ''}
                        {p.birthYear !== null ? t('people.bornIn', { year: p.birthYear }) : ''}
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>{chosen ? <PersonDetail key={chosen} personId={chosen} onRecordingsDeleted={() => setDeletions((n) => n + 1)} /> : <p className="muted">{t('people.pick')}</p>}</div>
      </div>
      <SessionPlanner persons={persons ?? []} />
      <RecordingsConsent deletions={deletions} />
    </section>
  );
}
