import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { CSP } from '../../../electron/main/csp';
import { APP_ORIGIN, isTrustedUrl } from '../../../electron/main/origin';
import { secureWebPreferences } from '../../../electron/main/web-preferences';

/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security), one
 * test per item. Where the protection is a literal in our code, a lint rule guards it and this
 * file plants the regression to prove the rule fires; where it is behaviour, the behaviour is
 * tested. Electron itself cannot run here, so nothing below starts it.
 */
const eslint = new ESLint({ cwd: process.cwd() });
const MAIN = 'electron/main/planted.ts';

async function flagged(code: string, filePath = MAIN): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-syntax');
}

const source = (path: string): string => readFileSync(path, 'utf8');
const prefs = secureWebPreferences('/app/preload.js');
const prefPlant = (key: string, value: string): string => `export const p = { ${key}: ${value} };\n`;

function cspDirectives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

describe('Electron security checklist', () => {
  it('1. only secure content: no plain-http URL in the shell', async () => {
    expect(await flagged("export const u = 'http://example.org/x.js';\n")).toBe(true);
    expect(await flagged("export const u = 'http://127.0.0.1:5173/';\n")).toBe(false);
  });

  it('2. no Node.js integration for any content', async () => {
    expect(prefs).toMatchObject({ nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false });
    for (const key of ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames']) {
      expect(await flagged(prefPlant(key, 'true')), key).toBe(true);
      expect(await flagged(prefPlant(key, 'process.env.X === "1"')), `${key} from a variable`).toBe(true);
    }
  });

  it('3. context isolation', async () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(await flagged(prefPlant('contextIsolation', 'false'))).toBe(true);
  });

  it('4. process sandboxing', async () => {
    expect(prefs.sandbox).toBe(true);
    expect(await flagged(prefPlant('sandbox', 'false'))).toBe(true);
  });

  it('5. permission requests are denied, all of them', () => {
    const hardening = source('electron/main/hardening.ts');
    expect(hardening).toMatch(/setPermissionRequestHandler\(\(_wc, _permission, callback\) => callback\(false\)\)/);
    expect(hardening).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    expect(source('electron/main/index.ts')).toMatch(/denyAllPermissions\(\)/);
  });

  it('6. webSecurity stays on', async () => {
    expect(prefs.webSecurity).toBe(true);
    expect(await flagged(prefPlant('webSecurity', 'false'))).toBe(true);
  });

  it('7. a strict Content-Security-Policy on every page', () => {
    for (const csp of [CSP, /content="([^"]+)"/.exec(source('renderer/index.html'))![1]!]) {
      const d = cspDirectives(csp);
      expect(d.get('script-src')).toEqual(["'self'"]);
      expect(d.get('object-src')).toEqual(["'none'"]);
      expect(d.get('base-uri')).toEqual(["'none'"]);
      expect(csp).not.toMatch(/unsafe-eval/);
      expect(d.get('default-src')).toEqual(["'self'"]);
    }
    expect(cspDirectives(CSP).get('frame-ancestors')).toEqual(["'none'"]);
    expect(source('electron/main/protocol.ts')).toMatch(/headers\.set\('Content-Security-Policy', CSP\)/);
  });

  it('8. no insecure content', async () => {
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(await flagged(prefPlant('allowRunningInsecureContent', 'true'))).toBe(true);
  });

  it('9. no experimental features', async () => {
    expect(prefs.experimentalFeatures).toBe(false);
    expect(await flagged(prefPlant('experimentalFeatures', 'true'))).toBe(true);
  });

  it('10. no enableBlinkFeatures', async () => {
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(await flagged(prefPlant('enableBlinkFeatures', "'CSSVariables'"))).toBe(true);
  });

  it('11. no <webview>, so no allowpopups', async () => {
    expect(prefs.webviewTag).toBe(false);
    expect(await flagged(prefPlant('webviewTag', 'true'))).toBe(true);
    expect(await flagged("export const a = 'allowpopups';\n")).toBe(true);
  });

  it('12. a webview that appears anyway is refused before it attaches', () => {
    expect(source('electron/main/hardening.ts')).toMatch(/'will-attach-webview', \(event\) => event\.preventDefault\(\)/);
  });

  it('13. navigation only within the app', () => {
    expect(source('electron/main/hardening.ts')).toMatch(/will-navigate[\s\S]*if \(!isTrustedUrl\(url, devServerUrl\)\) event\.preventDefault\(\)/);
    expect(isTrustedUrl(`${APP_ORIGIN}/index.html`, undefined)).toBe(true);
    for (const url of ['https://example.org/', 'kluis-app://evil/index.html', 'kluis-app://app.evil.org/', 'kluis-media://m/x', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>x</script>', 'not a url', 'http://localhost:5173/']) {
      expect(isTrustedUrl(url, undefined), url).toBe(false);
    }
    // the dev server is trusted only in `npm start`, and only its own origin
    expect(isTrustedUrl('http://localhost:5173/index.html', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/index.html', 'http://localhost:5173/')).toBe(false);
  });

  it('14. no new windows', () => {
    expect(source('electron/main/hardening.ts')).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
  });

  it('15. shell.openExternal is never used', async () => {
    expect(await flagged("import { shell } from 'electron';\nvoid shell.openExternal('https://x');\n")).toBe(true);
  });

  it('16. a current Electron', () => {
    const version = JSON.parse(source('node_modules/electron/package.json')).version as string;
    // Electron supports its latest three majors; 45 was current when this line was written (2026-11).
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(45);
  });

  it('17. every IPC handler checks its sender before dispatch validates the input', () => {
    const ipc = source('electron/main/ipc.ts');
    const handlers = ipc.match(/ipcMain\.handle\(/g)?.length ?? 0;
    const checks = ipc.match(/isTrustedUrl\(/g)?.length ?? 0;
    expect(handlers).toBeGreaterThan(0);
    expect(checks).toBe(handlers);
    expect(ipc).toMatch(/return dispatch\(service, method, input\)/);
  });

  it('18. no file://: the app and its media come from custom schemes', async () => {
    expect(await flagged("export const u = 'file:///opt/kluis/index.html';\n")).toBe(true);
    expect(await flagged('declare const w: { loadFile(p: string): void };\nw.loadFile("index.html");\n')).toBe(true);
    expect(source('electron/main/window.ts')).toMatch(/loadURL\(devServerUrl \?\? `\$\{APP_ORIGIN\}\/index\.html`\)/);
  });

  it('19. fuses are set when packaging', () => {
    const config = JSON.parse(source('electron-builder.json')) as { electronFuses: Record<string, boolean> };
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('20. the page gets one object of functions (tests/unit/shell/dialogs.test.ts lists them), not Electron APIs', async () => {
    const preload = source('electron/preload/index.ts');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toMatch(/exposeInMainWorld\('kluis', kluis\)/);
    // ipcRenderer itself never crosses: only closures over it
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(preload).toMatch(/invoke: \(method, input\) => ipcRenderer\.invoke\(CHANNEL_PREFIX \+ method, input\)/);
    expect(await flagged("import { contextBridge } from 'electron';\ncontextBridge.exposeInIsolatedWorld(1, 'x', {});\n", 'electron/preload/planted.ts')).toBe(true);
  });
});
