import { createCipheriv, createDecipheriv, getCiphers } from 'node:crypto';
import { chacha20poly1305 } from '@noble/ciphers/chacha';
import { wasmOpen, wasmSeal } from './wasm-aead';

/**
 * ChaCha20-Poly1305 (RFC 8439). Node's OpenSSL has it; Electron's BoringSSL does not offer it
 * through node:crypto, so there Kluis runs its WebAssembly build (wasm/chacha20poly1305.c),
 * with the payload's chunks spread over worker threads (payload-workers.ts). @noble/ciphers
 * (pure JavaScript, about ten times slower than OpenSSL) stays as a reference for the tests and
 * the benchmark.
 */
export type AeadBackend = 'node' | 'wasm' | 'noble';

export const TAG = 16;

export interface Aead {
  seal(nonce: Uint8Array, plaintext: Uint8Array): Buffer;
  /** Seals into `out` at `at` (room for plaintext + 16 bytes), sparing a buffer per chunk; returns the bytes written. */
  sealInto(nonce: Uint8Array, plaintext: Uint8Array, out: Uint8Array, at: number): number;
  /** The plaintext, or undefined when the tag does not verify. */
  open(nonce: Uint8Array, sealed: Uint8Array): Buffer | undefined;
}

const nodeHasChaCha = getCiphers().includes('chacha20-poly1305');
/** Tests and the benchmark run exactly what Electron runs with KLUIS_AEAD=wasm. */
const fromEnv = parseBackend(process.env.KLUIS_AEAD);
let forced: AeadBackend | undefined;

function parseBackend(name: string | undefined): AeadBackend | undefined {
  if (name === undefined || name === '') return undefined;
  if (name === 'node' || name === 'wasm' || name === 'noble') return name;
  throw new Error(`KLUIS_AEAD must be node, wasm or noble, not "${name}". Unset it to choose automatically.`);
}

/** Tests force a path to cover what each runtime runs; undefined chooses automatically again. */
export function forceAeadBackend(backend: AeadBackend | undefined): void {
  if (backend === 'node' && !nodeHasChaCha) throw new Error('This runtime has no chacha20-poly1305 in node:crypto; use wasm.');
  forced = backend;
}

export function aeadBackend(): AeadBackend {
  return forced ?? fromEnv ?? (nodeHasChaCha ? 'node' : 'wasm');
}

export function aead(key: Uint8Array): Aead {
  const backend = aeadBackend();
  const box = backend === 'node' ? nodeAead(key) : backend === 'wasm' ? wasmAead(key) : nobleAead(key);
  return {
    ...box,
    seal(nonce, plaintext) {
      const out = Buffer.allocUnsafe(plaintext.length + TAG);
      box.sealInto(nonce, plaintext, out, 0);
      return out;
    },
  };
}

function nodeAead(key: Uint8Array): Omit<Aead, 'seal'> {
  return {
    sealInto(nonce, plaintext, out, at) {
      const c = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
      const body = c.update(plaintext);
      c.final();
      out.set(body, at);
      out.set(c.getAuthTag(), at + body.length);
      return body.length + TAG;
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

function wasmAead(key: Uint8Array): Omit<Aead, 'seal'> {
  return {
    sealInto: (nonce, plaintext, out, at) => wasmSeal(key, nonce, plaintext, out, at),
    open: (nonce, sealed) => (sealed.length < TAG ? undefined : wasmOpen(key, nonce, sealed)),
  };
}

function nobleAead(key: Uint8Array): Omit<Aead, 'seal'> {
  return {
    sealInto(nonce, plaintext, out, at) {
      const sealed = chacha20poly1305(key, nonce).encrypt(plaintext);
      out.set(sealed, at);
      return sealed.length;
    },
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
