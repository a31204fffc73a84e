import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { formatDateTime, formatSize } from '../format';

export type Item = Output<'items.list'>['items'][number];

export function ItemList({ items, labelledBy }: { items: Item[]; labelledBy: string }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return <p className="empty">{t('home.empty')}</p>;
  return (
    <ul className="items" aria-labelledby={labelledBy}>
      {items.map((item) => (
        <li key={item.id}>
          <span className="item-name">{item.name}</span>
          <span className="muted small">
            {formatSize(item.size, i18n.language)} · {t('home.added', { date: formatDateTime(item.addedAt, i18n.language) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
