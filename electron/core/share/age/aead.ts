import { createCipheriv, createDecipheriv, getCiphers } from 'node:crypto';
import { chacha20poly1305 } from '@noble/ciphers/chacha';

/**
 * ChaCha20-Poly1305 (RFC 7539). Node's OpenSSL has it and is ten times faster than
 * JavaScript; Electron's BoringSSL does not, so there we fall back to @noble/ciphers.
 */
export type AeadBackend = 'node' | 'noble';

export const TAG = 16;

export interface Aead {
  seal(nonce: Uint8Array, plaintext: Uint8Array): Buffer;
  /** The plaintext, or undefined when the tag does not verify. */
  open(nonce: Uint8Array, sealed: Uint8Array): Buffer | undefined;
}

const nodeHasChaCha = getCiphers().includes('chacha20-poly1305');
let forced: AeadBackend | undefined;

/** Tests force the JavaScript path to cover what Electron runs. */
export function forceAeadBackend(backend: AeadBackend | undefined): void {
  forced = backend;
}

export function aeadBackend(): AeadBackend {
  return forced ?? (nodeHasChaCha ? 'node' : 'noble');
}

export function aead(key: Uint8Array): Aead {
  return aeadBackend() === 'node' ? nodeAead(key) : nobleAead(key);
}

function nodeAead(key: Uint8Array): Aead {
  return {
    seal(nonce, plaintext) {
      const c = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
      const body = c.update(plaintext);
      c.final();
      return Buffer.concat([body, c.getAuthTag()]);
    },
    open(nonce, sealed) {
      if (sealed.length < TAG) return undefined;
      const d = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
      d.setAuthTag(sealed.subarray(sealed.length - TAG));
      const body = d.update(sealed.subarray(0, sealed.length - TAG));
      try {
        d.final();
      } catch {
        body.fill(0);
        return undefined;
      }
      return body;
    },
  };
}

function nobleAead(key: Uint8Array): Aead {
  return {
    seal: (nonce, plaintext) => toBuffer(chacha20poly1305(key, nonce).encrypt(plaintext)),
    open(nonce, sealed) {
      if (sealed.length < TAG) return undefined;
      try {
        return toBuffer(chacha20poly1305(key, nonce).decrypt(sealed));
      } catch {
        return undefined;
      }
    },
  };
}

const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
