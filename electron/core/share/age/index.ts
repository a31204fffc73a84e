export { encryptAge, type Recipient } from './encrypt';
export { decryptAge, type Identity } from './decrypt';
export { generateIdentity, publicKeyOf, parseRecipient } from './x25519';
export { aeadBackend, forceAeadBackend, type AeadBackend } from './aead';
export { DEFAULT_WORK_FACTOR, MAX_WORK_FACTOR } from './scrypt';
export { ByteReader } from './reader';
