import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

/** The bundle tests/global-setup.ts builds: the tests run what a user runs. */
export const CLI = resolve(__dirname, '../../../out/cli/kluis.cjs');

export const PASSWORD = 'correct horse battery staple 42';
export const NEW_PASSWORD = 'purple elephant juggles 17 oranges';
/** RFC 9106's floor, which the core accepts; anything more only slows the tests down. */
export const KDF_ARGS = ['--kdf-memory-mib', '64', '--kdf-iterations', '3'];

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  /** bytes for stdin; without it stdin is closed, so no terminal prompt can appear */
  input?: string | Buffer;
  cwd?: string;
}

/** A clean environment: a KLUIS_PASSWORD_FILE or KLUIS_DEBUG of the developer's shell must not leak in. */
function childEnv(extra: CliOptions['env']): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.KLUIS_PASSWORD_FILE;
  delete env.KLUIS_DEBUG;
  for (const [k, v] of Object.entries(extra ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function spawnKluis(args: string[], opts: CliOptions = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    cwd: opts.cwd,
    env: childEnv(opts.env),
    stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
}

/** Waits for a spawned CLI and collects its output. */
export function collect(child: ChildProcess): Promise<CliResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (b: Buffer) => out.push(b));
  child.stderr?.on('data', (b: Buffer) => err.push(b));
  return new Promise((res, rej) => {
    child.on('error', rej);
    child.on('close', (code, signal) => res({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

export function kluis(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const child = spawnKluis(args, opts);
  if (opts.input !== undefined) child.stdin!.end(opts.input);
  return collect(child);
}

export async function tempDir(prefix = 'kluis-cli-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A vault made by `kluis init`, with the files the commands need. */
export interface CliVault {
  root: string;
  dir: string;
  passwordFile: string;
  newPasswordFile: string;
  recoveryKey: string;
  /** runs `kluis CMD --vault DIR --password-file PW ...args` */
  run(cmd: string, args?: string[], opts?: CliOptions): Promise<CliResult>;
}

export async function initVault(root: string, name = 'vault'): Promise<CliVault> {
  const dir = join(root, name);
  const passwordFile = join(root, `${name}.pw`);
  const newPasswordFile = join(root, `${name}.newpw`);
  await writeFile(passwordFile, `${PASSWORD}\n`);
  await writeFile(newPasswordFile, `${NEW_PASSWORD}\n`);
  const r = await kluis(['init', '--vault', dir, '--password-file', passwordFile, ...KDF_ARGS]);
  if (r.code !== 0) throw new Error(`kluis init failed (${r.code}): ${r.stderr}`);
  const recoveryKey = r.stdout.toString('utf8').trim();
  return {
    root,
    dir,
    passwordFile,
    newPasswordFile,
    recoveryKey,
    run: (cmd, args = [], opts) => kluis([cmd, '--vault', dir, '--password-file', passwordFile, ...args], opts),
  };
}

export interface Listed {
  id: string;
  name: string;
  size: number;
  sha256: string;
  addedAt: string;
}

export async function listJson(v: CliVault, opts?: CliOptions): Promise<Listed[]> {
  const r = await v.run('ls', ['--json'], opts);
  if (r.code !== 0) throw new Error(`kluis ls failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout.toString('utf8')) as Listed[];
}

export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Relative path -> SHA-256 of every file: "nothing changed" made checkable. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await filesUnder(dir)).sort()) out[relative(dir, f)] = createHash('sha256').update(await readFile(f)).digest('hex');
  return out;
}

export function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/** One seeded generator for all tests (mulberry32): a failing run is repeated by its printed seed. */
export { prng } from '../../helpers/vault-fixtures';

/** KLUIS_TEST_SEED reproduces a run; otherwise a fresh seed, which the tests print. */
export function testSeed(): number {
  const fromEnv = Number(process.env.KLUIS_TEST_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : (Date.now() % 2 ** 31) + 1;
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}
