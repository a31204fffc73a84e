import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestHost } from './host';

// `npm run start:web`: the renderer in a normal browser against the real core, without Electron.

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const portArg = argValue('--port');
  const port = portArg === undefined ? 0 : Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, not ${portArg}`);
  let vaultDir = argValue('--vault');
  if (!vaultDir) {
    vaultDir = await mkdtemp(join(tmpdir(), 'kluis-web-'));
    console.log(`No --vault given; using a fresh vault folder: ${vaultDir}`);
  }
  const host = await startTestHost({ vaultDir: resolve(vaultDir), staticDir: resolve(argValue('--static') ?? 'out/web'), port });
  console.log(`KLUIS_URL=${host.url}#token=${host.token}`);
  const stop = (): void => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
