/** One recipient stanza of an age header: its arguments and its decoded body. */
export interface Stanza {
  args: string[];
  body: Buffer;
}

/** The fixed all-zero nonce of the file-key wrapping in the X25519 and scrypt stanzas. */
export const ZERO_NONCE = new Uint8Array(12);

export const FILE_KEY_SIZE = 16;
