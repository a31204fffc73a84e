/** People, consent, each recording's basis and retention, and the coverage check (docs/consent-model.md). */
export { CONSENT_MIGRATIONS } from './schema';
export * from './types';
export { retentionPresets, findPreset, retentionDeadline, type RetentionPreset } from './presets';
export { addPerson, listPersons, getPerson, type NewPerson } from './persons';
export { addConsent, listConsents, getConsent, withdrawConsent, recordingsWith, type NewConsent, type Withdrawal } from './consents';
export { setRecordingPurpose, getRecordingInfo, retentionDue, type SetPurpose, type DueRecording } from './recordings';
export { addAppearance, listAppearances } from './appearances';
export { coverage, mayBeUnder16, type CoverageResult, type PersonCoverage, type UncoveredReason, type Blocker } from './coverage';
export { setPurposeAndRecheck, type NeedsConsent } from './recheck';
export { breachInventory, type BreachInventory } from './breach';
export { forgetRecordingConsentRows } from './forget';
export { runRetention, presetRule, type RetentionRun } from './retention';
export { deletionConfirmation, deletionConfirmationPdf, breachReportPdf, type DeletionConfirmation } from './reports';
export { coverageSummaries, coveredForPurpose, type CoverageSummary, type CoverageStatus } from './summary';
export { adviseSession, attachPlan, cameraAdvice, createSessionPlan, getSessionPlan, listSessionPlans, type CameraAdvice, type PlanAdvice, type SessionPlan, type SessionPlanInput } from './plan';
export { registerWithdrawalCascade, withdrawalCascade, type AffectedItem, type CascadeSource } from './cascade';
export { readConsentForm, sniffForm, MAX_FORM_BYTES, type FormType } from './form';
export { startAutoRetention, DAY_MS, type AutoRetention, type AutoRetentionRun, type RetentionTrigger } from './auto-retention';
