import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './resources';

export const LANGS = ['nl', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const LANG_NAMES: Record<Lang, string> = { nl: 'Nederlands', en: 'English' };

const STORAGE_KEY = 'kluis.lang';

function isLang(v: unknown): v is Lang {
  return (LANGS as readonly unknown[]).includes(v);
}

/** Remembered choice first, then the system's language; Dutch otherwise, since most users are Dutch. */
function initialLang(): Lang {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLang(stored)) return stored;
  for (const l of navigator.languages ?? []) {
    const base = l.slice(0, 2).toLowerCase();
    if (isLang(base)) return base;
  }
  return 'nl';
}

export function currentLang(): Lang {
  return isLang(i18next.language) ? i18next.language : 'nl';
}

export async function setLang(lang: Lang): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lang);
  await i18next.changeLanguage(lang);
}

export async function initI18n(): Promise<void> {
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  await i18next.use(initReactI18next).init({
    resources,
    lng: initialLang(),
    fallbackLng: 'en',
    supportedLngs: LANGS,
    // React escapes output itself; escaping twice would show &amp; to the user.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
}
