import type { TFunction } from 'i18next';
import type { FileReport } from './types';

export type FileErrorCode = NonNullable<FileReport['errorCode']>;

/** How one file's problem is shown: a sentence in the reader's language, the core's English words as detail. */
export interface FileProblemText {
  text: string;
  /** true when `text` is the core's own English sentence (the UI must mark it lang="en") */
  english: boolean;
  /** the core's English sentence behind a translated one, for support and for the curious */
  detail: string | null;
}

/**
 * Pure, so it can be tested without a browser. A known code is translated with the file's path
 * in it; 'OTHER' (and a report from before codes existed) can only show what the core wrote.
 */
export function fileProblemText(t: TFunction, file: Pick<FileReport, 'relPath' | 'error' | 'errorCode'>): FileProblemText | null {
  if (!file.error && !file.errorCode) return null;
  const english = file.error ?? '';
  if (!file.errorCode || file.errorCode === 'OTHER') return { text: english, english: true, detail: null };
  // The English sentence as fallback keeps a code this build does not know yet readable.
  const text = t(`import.fileError.${file.errorCode}`, { name: file.relPath, defaultValue: english });
  return { text, english: false, detail: english || null };
}
