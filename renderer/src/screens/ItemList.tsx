import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';

export type Item = Output<'items.list'>['items'][number];

function formatSize(bytes: number, lang: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return new Intl.NumberFormat(lang, { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: i === 0 ? 0 : 1 }).format(value);
}

export function ItemList({ items, labelledBy }: { items: Item[]; labelledBy: string }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return <p className="empty">{t('home.empty')}</p>;
  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <ul className="items" aria-labelledby={labelledBy}>
      {items.map((item) => (
        <li key={item.id}>
          <span className="item-name">{item.name}</span>
          <span className="muted small">
            {formatSize(item.size, i18n.language)} · {t('home.added', { date: dates.format(new Date(item.addedAt)) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
