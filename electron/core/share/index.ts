export { ShareError, isShareError, type ShareErrorCode } from './errors';
// The format layer (docs/share-package.md, "Package format" and "Share keys"): age, tar, the owner's share key.
export { encryptAge, decryptAge, generateIdentity, publicKeyOf, parseRecipient, aeadBackend, type Recipient, type Identity } from './age';
export { writeTar, readTar, type TarEntry } from './tar';
export { ensureShareKey, getShareKey, shareIdentity, shareKeyQrSvg, shareKeyQrPng, type ShareKey } from './keys';
// The flows (docs/share-package.md, "Manifest" and "Flows"): gate, manifest, registers, received items.
export { SHARE_FLOW_MIGRATIONS, shareTables } from './schema';
export { ManifestSchema, parseManifest, serializeManifest, MANIFEST_FILE, type Manifest, type ManifestClip, type ManifestEdit, type ManifestPerson, type ManifestRecipient } from './manifest';
export { checkGate, assertGate, describeRefusal, GateRefusal, NO_REDACTION, type GateResult, type GateRecording, type GatePerson, type RecordingRefusal, type RedactionFacts } from './gate';
export { listExports, exportsForWithdrawal, exportsLeavingWith, type ExportRecord } from './registry';
export { listReceived, getReceived, receivedClipBlob, expireReceived, deleteReceived, type ReceivedPackage, type ReceivedClip } from './received';
export { exportPackage, type ExportRequest, type ExportItem, type ExportDeps, type ExportResult, type ShareRecipient } from './export';
export { openPackage, type OpenRequest, type OpenResult } from './open';
export { addComment, listComments, exportFeedback, attachFeedback, feedbackFor, type FeedbackComment, type TimelineComment, type AttachedFeedback, type FeedbackExport } from './feedback';
export { stageClip, watermarkFilter, drawtextEscape, type ExportStripped, type ClipOptions } from './clips';
export { shareDeps } from './deps';
export { shareKeyQr } from './qr';
export { forwardReceived } from './forward';
// Ownership transfer to a colleague (U5; docs/share-package.md, "Handover to a colleague").
export { personCopyOptions, copyForPerson, type PersonCopyOption, type PersonCopyRequest, type PersonCopyResult } from './person-copy';
export { handOver, type HandoverRequest, type HandoverResult } from './handover/send';
export { sweepHandovers, type HandoverReceived } from './handover/receive';
