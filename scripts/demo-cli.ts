/**
 * What `npm run demo` needs around the `kluis` command: running it as a user does (the built
 * CLI in a child process), a colour card made with ffmpeg, and the summary table at the end.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FFMPEG } from '../tests/fixtures/cards';

export const CLI = resolve('out/cli/kluis.cjs');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `kluis CMD --vault DIR --password-file PW ARGS...`, waiting for its exit. */
export function kluis(args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KLUIS_PASSWORD_FILE: undefined } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

export interface CliVault {
  dir: string;
  /** runs a command on this vault; a non-zero exit other than `allow` stops the demo with its stderr */
  run(cmd: string, args: string[], allow?: number): Promise<Run>;
  /** the same with --json, parsed */
  json<T>(cmd: string, args: string[]): Promise<T>;
}

export function cliVault(dir: string, passwordFile: string): CliVault {
  const run = async (cmd: string, args: string[], allow = 0): Promise<Run> => {
    const r = await kluis([cmd, '--vault', dir, '--password-file', passwordFile, ...args]);
    if (r.code !== 0 && r.code !== allow) throw new Error(`kluis ${cmd} ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
    return r;
  };
  return {
    dir,
    run,
    json: async <T>(cmd: string, args: string[]) => JSON.parse((await run(cmd, [...args, '--json'])).stdout) as T,
  };
}

/** A 4 s H.264 clip with sound: `first` for two seconds, then `second` (a pixel tells the time). */
export function makeColourClip(path: string, first: string, second: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const src = (c: string) => `color=c=${c}:size=160x120:rate=10:duration=2`;
  execFileSync(FFMPEG, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', src(first),
    '-f', 'lavfi', '-i', src(second),
    '-f', 'lavfi', '-i', 'sine=f=440:sample_rate=48000:duration=4',
    '-filter_complex', '[0:v][1:v]concat=n=2:v=1[v]',
    '-map', '[v]', '-map', '2:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '5',
    '-c:a', 'aac', '-shortest', '-movflags', '+faststart', path,
  ]);
}

/** A camera card (DCF layout) with two clips and the camera's own index file. */
export function makeJourneyCard(root: string): string {
  makeColourClip(join(root, 'DCIM/100CANON/MVI_0001.MP4'), 'red', 'blue');
  makeColourClip(join(root, 'DCIM/100CANON/MVI_0002.MP4'), 'green', 'yellow');
  return root;
}

export interface Step {
  step: string;
  what: string;
}

/** The closing summary: one line per step, then the counts. */
export function summary(steps: Step[], counts: Record<string, number>, seconds: number): string {
  const width = Math.max(...steps.map((s) => s.step.length));
  const lines = ['', 'Summary', '-------', ...steps.map((s, i) => `${String(i + 1).padStart(2)}. ${s.step.padEnd(width)}  ${s.what}`), ''];
  lines.push(Object.entries(counts).map(([k, v]) => `${k}: ${v}`).join(' · '));
  lines.push(`done in ${seconds.toFixed(1)} s`);
  return lines.join('\n') + '\n';
}
