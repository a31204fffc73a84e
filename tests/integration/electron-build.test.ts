import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  // Doyensec's scanner over the built app (main, preload, renderer together, so its global checks
  // see the navigation limits and permission handler in main). Electron's version is given so it
  // does not guess; its release fetch fails offline, which it reports and survives.
  it('electronegativity finds nothing of medium severity or worse in the built app', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kluis-electronegativity-'));
    try {
      const csv = join(dir, 'findings.csv');
      const electron = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version as string;
      execFileSync(process.execPath, ['node_modules/@doyensec/electronegativity/dist/index.js', '-i', 'out', '-e', electron, '-o', csv, '-r', '-v', 'false'], { stdio: 'pipe', timeout: 240_000 });
      const text = readFileSync(csv, 'utf8');
      expect(text.startsWith('issue, severity, confidence, filename'), 'the scanner ran and wrote its report').toBe(true);
      const findings = [...text.matchAll(/([A-Z_]+),"(INFORMATIONAL|LOW|MEDIUM|HIGH|CRITICAL)","(\w+)","([^"]*)"/g)].map((m) => ({ check: m[1], severity: m[2], file: m[4] }));
      expect(findings.filter((f) => f.severity !== 'INFORMATIONAL' && f.severity !== 'LOW')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
