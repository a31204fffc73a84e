export { Vault } from './vault';
export { VaultError, isVaultError, type VaultErrorCode } from './errors';
export { ratePassword, type PasswordRating, type Lang } from './password-policy';
export { parseRecoveryKey, formatRecoveryKey } from './recovery-key';
export { KDF_FLOOR, KDF_DEFAULT_MEMORY_KIB, type KdfChoice } from './kdf';
export { useSqliteBinding, type Catalog } from './catalog';
export type { ItemInfo, AddOptions, AddProgress, LockResult, StoredBlob, VerifyReport } from './types';
export type { Migration } from './migrations';
