import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The CLI tests run the built CLI, as a user would after `npm run build`. */
export default function setup(): void {
  if (existsSync('electron/cli/main.ts')) execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
}
