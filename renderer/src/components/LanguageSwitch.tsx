import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang, LANG_NAMES, LANGS, setLang, type Lang } from '../i18n';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="lang-switch">
      <label htmlFor={id}>{t('lang.label')}</label>
      <select id={id} value={currentLang()} onChange={(e) => void setLang(e.target.value as Lang)}>
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANG_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
