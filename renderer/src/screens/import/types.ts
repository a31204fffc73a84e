import type { KluisEvent, Output } from '../../../../electron/core/api/contract';

export type Volume = Output<'volumes.list'>['volumes'][number];
export type CardPreview = Output<'ingest.preview'>;
export type ImportProgress = Extract<KluisEvent, { type: 'ingest.progress' }>['progress'];
export type ImportReport = Output<'ingest.report'>;
export type UnitReport = ImportReport['units'][number];

/** What the user picked: a detected card (with its label) or a folder by path. */
export interface ImportSource {
  path: string;
  label?: string;
}
export type FileReport = UnitReport['files'][number];
