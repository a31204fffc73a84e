export { KluisService, type ServiceOptions } from './service';
export { dispatch, isMethod, toWireError, type DispatchResult } from './dispatch';
export * from './contract';
export { useSqliteBinding } from '../vault';
export { Vault, VaultError, isVaultError, KDF_FLOOR, type VaultErrorCode, type ItemInfo, type VerifyReport, type AddProgress } from '../vault';
