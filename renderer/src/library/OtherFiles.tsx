import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ItemList, type Item } from '../screens/ItemList';

/** Files added by other means (the kluis command): shown only when there are any, to keep an empty vault calm. */
export function OtherFiles() {
  const { t } = useTranslation();
  const headingId = useId();
  const [items, setItems] = useState<Item[]>([]);
  useEffect(() => {
    let gone = false;
    api.call('items.list', {}).then(
      (r) => !gone && setItems(r.items),
      () => undefined, // the library above shows the vault's own errors
    );
    return () => {
      gone = true;
    };
  }, []);
  if (items.length === 0) return null;
  return (
    <>
      <h2 id={headingId}>{t('home.itemsHeading')}</h2>
      <ItemList items={items} labelledBy={headingId} />
    </>
  );
}
