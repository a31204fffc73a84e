import { execFileSync } from 'node:child_process';

/** The CLI tests run the built CLI, as a user would after `npm run build`. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
}
