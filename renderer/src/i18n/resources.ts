import consentEn from './consent.en.json';
import consentNl from './consent.nl.json';
import en from './en.json';
import mediaEn from './media.en.json';
import mediaNl from './media.nl.json';
import nl from './nl.json';
import redactEn from './redact.en.json';
import redactNl from './redact.nl.json';
import settingsEn from './settings.en.json';
import settingsNl from './settings.nl.json';
import shareEn from './share.en.json';
import shareNl from './share.nl.json';

/**
 * The translations, one file per capability and language (<capability>.<lang>.json) so each
 * feature keeps its own strings. Top-level keys must not repeat across files.
 */
export const resources = {
  en: { translation: { ...en, ...mediaEn, ...consentEn, ...redactEn, ...shareEn, ...settingsEn } },
  nl: { translation: { ...nl, ...mediaNl, ...consentNl, ...redactNl, ...shareNl, ...settingsNl } },
};
