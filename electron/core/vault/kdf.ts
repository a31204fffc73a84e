import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { VaultError } from './errors';

export interface KdfParams {
  alg: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  /** base64, 16 bytes */
  salt: string;
}

/** RFC 9106 section 4, second recommendation: the floor below which Kluis refuses a vault. */
export const KDF_FLOOR = { memoryKiB: 64 * 1024, iterations: 3 } as const;
/** The default memory cost; iterations are calibrated on top of it. */
export const KDF_DEFAULT_MEMORY_KIB = 256 * 1024;
/** docs/vault-format.md: a default vault uses at least 128 MiB. */
export const KDF_DEFAULT_MIN_MEMORY_KIB = 128 * 1024;
export const KDF_DEFAULT_PARALLELISM = 4;
/** One derivation should take about this long on the creating machine (unlock goal: 1 s). */
const CALIBRATION_TARGET_MS = 650;
const MAX_ITERATIONS = 12;

export interface KdfChoice {
  memoryKiB?: number;
  iterations?: number;
  parallelism?: number;
}

export function assertKdfStrongEnough(p: Pick<KdfParams, 'memoryKiB' | 'iterations' | 'parallelism'>): void {
  if (p.memoryKiB < KDF_FLOOR.memoryKiB || p.iterations < KDF_FLOOR.iterations || p.parallelism < 1) {
    throw new VaultError(
      'KDF_TOO_WEAK',
      `Argon2id with ${p.memoryKiB / 1024} MiB and ${p.iterations} passes is weaker than RFC 9106 allows (at least 64 MiB and 3 passes).`,
    );
  }
}

export async function deriveKek(password: string, p: KdfParams): Promise<Buffer> {
  return argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: p.memoryKiB,
    timeCost: p.iterations,
    parallelism: p.parallelism,
    salt: Buffer.from(p.salt, 'base64'),
    hashLength: 32,
    raw: true,
  });
}

async function msPerPass(params: KdfParams): Promise<number> {
  const started = performance.now();
  await deriveKek('calibration', params);
  return (performance.now() - started) / params.iterations;
}

/**
 * Chooses parameters for a new vault. Memory is kept as high as the unlock goal allows (it is
 * what makes GPUs pay); the number of passes is raised until one derivation takes about
 * CALIBRATION_TARGET_MS here.
 */
export async function chooseKdfParams(choice: KdfChoice = {}): Promise<KdfParams> {
  const params: KdfParams = {
    alg: 'argon2id',
    memoryKiB: choice.memoryKiB ?? KDF_DEFAULT_MEMORY_KIB,
    iterations: choice.iterations ?? KDF_FLOOR.iterations,
    parallelism: choice.parallelism ?? KDF_DEFAULT_PARALLELISM,
    salt: randomBytes(16).toString('base64'),
  };
  assertKdfStrongEnough(params);
  if (choice.iterations === undefined) {
    let perPass = await msPerPass(params);
    // Where even the minimum passes at the default memory miss the unlock goal (256 MiB x 3 took
    // 1.0-1.5 s on the 2-core build machines), step memory down, never below the format's 128 MiB.
    while (choice.memoryKiB === undefined && perPass * KDF_FLOOR.iterations > CALIBRATION_TARGET_MS && params.memoryKiB / 2 >= KDF_DEFAULT_MIN_MEMORY_KIB) {
      params.memoryKiB /= 2;
      perPass = await msPerPass(params);
    }
    const passes = Math.floor(CALIBRATION_TARGET_MS / perPass);
    params.iterations = Math.min(MAX_ITERATIONS, Math.max(KDF_FLOOR.iterations, passes));
  }
  return params;
}
