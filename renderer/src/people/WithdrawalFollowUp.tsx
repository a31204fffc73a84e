import { useTranslation } from 'react-i18next';
import { DeleteForPerson } from './DeleteForPerson';
import { WITHDRAWAL } from './personDeletion';

interface Props {
  personId: string;
  pseudonym: string;
  recordings: string[];
  name: (recordingId: string) => string;
  onDeleted: () => void;
  onFinished: () => void;
}

/** After a withdrawal (R7, U4): the recordings the person is in, offered for deletion under R7. */
export function WithdrawalFollowUp({ personId, pseudonym, recordings, name, onDeleted, onFinished }: Props) {
  const { t } = useTranslation();
  return (
    <DeleteForPerson
      personId={personId}
      pseudonym={pseudonym}
      recordings={recordings}
      name={name}
      reason={WITHDRAWAL}
      heading={t('withdrawal.heading', { name: pseudonym })}
      intro={t('withdrawal.intro', { count: recordings.length })}
      note={t('withdrawal.redactInstead')}
      closeLabel={t('withdrawal.later')}
      level={3}
      onDeleted={onDeleted}
      onFinished={onFinished}
    />
  );
}
