export { importCard, type ImportOptions } from './importer';
export { scanCard } from './scan';
export { groupUnits } from './layouts';
export { INGEST_MIGRATIONS } from './schema';
export type { CardScan, Unit, UnitFile, SourceFile, Layout, FileRole } from './types';
export type { ImportReport, UnitReport, FileReport, ImportProgress } from './report-types';
export { WIPE_NOTE } from './report-types';
export { previewCard, listRecordings, readImportReport, type CardPreview, type UnitPreview, type RecordingSummary } from './catalog-views';
export { listRemovableVolumes, watchVolumes, parseLsblk, type Volume } from './volumes';
