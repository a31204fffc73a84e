import type { MenuItemConstructorOptions } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MENU_LABELS, menuLang } from '../../../electron/main/menu-labels';
import { menuTemplate } from '../../../electron/main/menu-template';
import { DEFAULT_STATE, fitToDisplays, readWindowState, writeWindowState } from '../../../electron/main/window-state';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('native menu', () => {
  it('has the same keys in Dutch and English, none empty', () => {
    expect(Object.keys(MENU_LABELS.nl).sort()).toEqual(Object.keys(MENU_LABELS.en).sort());
    for (const lang of ['nl', 'en'] as const) for (const v of Object.values(MENU_LABELS[lang])) expect(v.trim()).not.toBe('');
  });

  it('is the same menu in both languages, with every item labelled in that language', () => {
    const shape = (lang: 'nl' | 'en') => flatten(menuTemplate(lang, () => undefined)).map((i) => i.role ?? i.type ?? i.accelerator ?? 'submenu');
    expect(shape('nl')).toEqual(shape('en'));
    const nl = flatten(menuTemplate('nl', () => undefined)).filter((i) => i.type !== 'separator');
    expect(nl.every((i) => typeof i.label === 'string' && (Object.values(MENU_LABELS.nl) as string[]).includes(i.label))).toBe(true);
    expect(nl.map((i) => i.label)).toContain('Kluis vergrendelen');
  });

  it('locks from the menu, and offers no reload or developer tools', () => {
    let locked = 0;
    const items = flatten(menuTemplate('en', () => locked++));
    const lock = items.find((i) => i.accelerator === 'CmdOrCtrl+L');
    (lock?.click as (() => void) | undefined)?.();
    expect(locked).toBe(1);
    const roles = items.map((i) => i.role);
    for (const r of ['reload', 'forceReload', 'toggleDevTools']) expect(roles).not.toContain(r);
  });

  it('follows the system language: Dutch for nl and nl-BE, English otherwise', () => {
    expect(menuLang('nl')).toBe('nl');
    expect(menuLang('nl-BE')).toBe('nl');
    expect(menuLang('en-GB')).toBe('en');
    expect(menuLang('de')).toBe('en');
  });
});

describe('window state', () => {
  const screens = [{ x: 0, y: 0, width: 1920, height: 1080 }];

  it('is remembered across runs and a corrupt file falls back to the default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kluis-window-'));
    try {
      const file = join(dir, 'window-state.json');
      expect(readWindowState(file)).toEqual(DEFAULT_STATE);
      writeWindowState(file, { x: 40, y: 50, width: 1000, height: 700, maximized: true });
      expect(readWindowState(file)).toEqual({ x: 40, y: 50, width: 1000, height: 700, maximized: true });
      writeFileSync(file, '{"width": "big"');
      expect(readWindowState(file)).toEqual(DEFAULT_STATE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a window on a screen that is still there', () => {
    expect(fitToDisplays({ x: 100, y: 100, width: 1000, height: 700, maximized: false }, screens)).toEqual({ x: 100, y: 100, width: 1000, height: 700, maximized: false });
  });

  it('brings back a window left on an unplugged monitor, shrunk to the screen', () => {
    const fitted = fitToDisplays({ x: 2500, y: 100, width: 2400, height: 1400, maximized: false }, screens);
    expect(fitted).toEqual({ width: 1920, height: 1080, maximized: false });
  });
});
