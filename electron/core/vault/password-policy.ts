import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as nl from '@zxcvbn-ts/language-nl-be';
import { VaultError } from './errors';

export type Lang = 'en' | 'nl';

export interface PasswordRating {
  /** zxcvbn's 0-4 */
  score: number;
  acceptable: boolean;
  warning: string;
  suggestions: string[];
}

/** zxcvbn score 3: "safely unguessable" against an offline slow-hash attack, which Argon2id makes ours. */
const MIN_SCORE = 3;
const MIN_LENGTH = 10;

let dictionariesLoaded = false;

function configure(lang: Lang): void {
  zxcvbnOptions.setOptions({
    dictionary: dictionariesLoaded ? undefined : { ...common.dictionary, ...en.dictionary, ...nl.dictionary },
    graphs: common.adjacencyGraphs,
    translations: lang === 'nl' ? nl.translations : en.translations,
  });
  dictionariesLoaded = true;
}

export function ratePassword(password: string, lang: Lang = 'en', userInputs: string[] = ['kluis', 'vault']): PasswordRating {
  configure(lang);
  const r = zxcvbn(password, userInputs);
  const tooShort = password.length < MIN_LENGTH;
  const shortNote = lang === 'nl' ? `Gebruik minstens ${MIN_LENGTH} tekens.` : `Use at least ${MIN_LENGTH} characters.`;
  return {
    score: r.score,
    acceptable: r.score >= MIN_SCORE && !tooShort,
    warning: r.feedback.warning ?? '',
    suggestions: tooShort ? [shortNote, ...r.feedback.suggestions] : r.feedback.suggestions,
  };
}

export function assertStrongPassword(password: string): void {
  const r = ratePassword(password);
  if (!r.acceptable) {
    const hint = [r.warning, ...r.suggestions].filter(Boolean).join(' ');
    throw new VaultError('WEAK_PASSWORD', `This password is too easy to guess (strength ${r.score} of 4, at least ${MIN_SCORE} needed). ${hint}`.trim());
  }
}
