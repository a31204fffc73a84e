import { CHACHA20POLY1305_WASM } from './wasm/chacha20poly1305.wasm';

/**
 * ChaCha20-Poly1305 in WebAssembly with SIMD (wasm/chacha20poly1305.c): what Electron runs,
 * since its BoringSSL offers no chacha20-poly1305 through node:crypto. The module is compiled
 * once and shared with the payload workers (payload-workers.ts).
 */
export interface WasmAeadExports {
  memory: { buffer: ArrayBuffer };
  key_ptr(): number;
  nonce_ptr(): number;
  in_ptr(): number;
  out_ptr(): number;
  max_message(): number;
  seal(len: number): number;
  open(sealedLen: number): number;
}

/** A compiled WebAssembly.Module; opaque here, and cloneable to workers. */
export type WasmModule = object;

// The node typings (no DOM lib here) do not declare the WebAssembly constructors.
const WA = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => WasmModule; Instance: new (m: WasmModule, imports: object) => { exports: unknown } } }).WebAssembly;

let compiled: WasmModule | undefined;

export function wasmModule(): WasmModule {
  compiled ??= new WA.Module(Buffer.from(CHACHA20POLY1305_WASM, 'base64'));
  return compiled;
}

let instance: WasmAeadExports | undefined;

function wasm(): WasmAeadExports {
  instance ??= new WA.Instance(wasmModule(), {}).exports as WasmAeadExports;
  return instance;
}

/** Copies key, nonce and input into the module's buffers; the module wipes its key copy after each call. */
function load(w: WasmAeadExports, key: Uint8Array, nonce: Uint8Array, input: Uint8Array): Uint8Array {
  if (input.length > w.max_message()) throw new RangeError(`ChaCha20-Poly1305 in WebAssembly takes at most ${w.max_message()} bytes at once`);
  const mem = new Uint8Array(w.memory.buffer);
  mem.set(key, w.key_ptr());
  mem.set(nonce, w.nonce_ptr());
  mem.set(input, w.in_ptr());
  return mem;
}

/** Seals into `out` at `at` (a new buffer when none is given); returns the bytes written. */
export function wasmSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Buffer;
export function wasmSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, out: Uint8Array, at: number): number;
export function wasmSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, out?: Uint8Array, at = 0): Buffer | number {
  const w = wasm();
  const mem = load(w, key, nonce, plaintext);
  const n = w.seal(plaintext.length);
  mem.fill(0, w.in_ptr(), w.in_ptr() + plaintext.length);
  const sealed = mem.subarray(w.out_ptr(), w.out_ptr() + n);
  if (!out) return Buffer.from(sealed);
  out.set(sealed, at);
  return n;
}

/** The plaintext, or undefined when the tag does not verify (then nothing was decrypted). */
export function wasmOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Buffer | undefined {
  const w = wasm();
  const mem = load(w, key, nonce, sealed);
  if (w.open(sealed.length) !== 1) return undefined;
  const out = Buffer.from(mem.subarray(w.out_ptr(), w.out_ptr() + sealed.length - 16));
  mem.fill(0, w.out_ptr(), w.out_ptr() + sealed.length - 16);
  return out;
}
