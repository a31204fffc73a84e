export { writeEncryptedZip, type ZipEntrySource, type WrittenZip } from './write';
export { generateZipPassword, checkZipPassword, PASSWORD_ALPHABET, PASSWORD_BITS, MIN_PASSWORD_LENGTH } from './password';
export { WinZipCtr } from './aes-ctr';
export { deriveKeys } from './winzip-aes';
