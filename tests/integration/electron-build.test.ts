import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Electron cannot run here, but its three bundles can be built and checked for what matters.
describe('electron-vite builds main, preload and renderer from our folders', () => {
  it('builds, and the sandboxed preload needs nothing but electron', () => {
    execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'pipe', timeout: 180_000 });
    const preload = readFileSync('out/preload/index.js', 'utf8');
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    // A sandboxed preload cannot load node_modules: bundling zod or any core code here would break the app at start.
    expect(required).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld("kluis"');
    const main = readFileSync('out/main/index.js', 'utf8');
    expect(main).toContain('sandbox: true');
    expect(main).toContain('contextIsolation: true');
    expect(main).toContain('nodeIntegration: false');
    expect(main).not.toMatch(/loadFile\(|file:\/\/\//);
    const html = readFileSync('out/renderer/index.html', 'utf8');
    expect(html).toMatch(/Content-Security-Policy/);
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });
});
