export { KluisService, type ServiceOptions } from './service';
export { dispatch, isMethod, toWireError, type DispatchResult } from './dispatch';
export * from './contract';
export { useSqliteBinding } from '../vault';
export { Vault, VaultError, isVaultError, KDF_FLOOR, type VaultErrorCode, type ItemInfo, type VerifyReport, type AddProgress } from '../vault';
// Import from cards, for the CLI. The types are renamed: the contract already exports zod schemas named ImportReport/ImportProgress.
export { importCard, listRemovableVolumes, importReportPdf, listRecordings, overwriteFreeSpace, WIPE_NOTE } from '../ingest';
export type { ImportReport as IngestReport, ImportProgress as IngestProgress, UnitReport, FileReport, RecordingSummary, Volume, ImportOptions } from '../ingest';
// The media protocol's handler for the shells (Electron's protocol.handle, the test host).
export { playbackMediaHandler } from './handlers/playback';
// The one idle-lock loop, for Electron (OS idle time) and the test host (page activity).
export { startIdleLock, type IdleSource } from './idle-lock';
