import { describe, expect, it } from 'vitest';
import { droppedPackagePath, packageFileName, type DroppedData } from '../../../renderer/src/share/pickers';

const file = (name: string) => ({ name }) as unknown as File;
const drop = (files: File[], uriList = ''): DroppedData => ({ files, getData: (f) => (f === 'text/uri-list' ? uriList : '') });

describe('a package dropped on the Share screen', () => {
  it('inside Electron: the path the preload gives for the File', () => {
    expect(droppedPackagePath(drop([file('a.age')]), (f) => `/media/stick/${f.name}`)).toEqual({ path: '/media/stick/a.age' });
  });

  it('elsewhere: the file:// URI a file manager offers, decoded, and only a local one', () => {
    expect(droppedPackagePath(drop([], 'file:///media/USB%20stick/toets.age\r\n'), undefined)).toEqual({ path: '/media/USB stick/toets.age' });
    expect(droppedPackagePath(drop([], '# comment\nfile://localhost/tmp/x.age'), undefined)).toEqual({ path: '/tmp/x.age' });
    expect(droppedPackagePath(drop([], 'file://fileserver/share/x.age'), undefined)).toEqual({ error: 'nothing' });
    expect(droppedPackagePath(drop([], 'https://example.org/x.age'), undefined)).toEqual({ error: 'nothing' });
  });

  it('says why when it cannot: no path for the file, several files, nothing at all', () => {
    expect(droppedPackagePath(drop([file('a.age')]), undefined)).toEqual({ error: 'no-path' });
    expect(droppedPackagePath(drop([file('a.age')]), () => '')).toEqual({ error: 'no-path' });
    expect(droppedPackagePath(drop([file('a.age'), file('b.age')]), () => '/x')).toEqual({ error: 'several' });
    expect(droppedPackagePath(drop([], 'file:///a.age\nfile:///b.age'), undefined)).toEqual({ error: 'several' });
    expect(droppedPackagePath(drop([]), undefined)).toEqual({ error: 'nothing' });
  });

  it('proposes a file name from the kind and the expiry only', () => {
    expect(packageFileName('videotoets', '2026-06-30')).toBe('videotoets-2026-06-30.age');
    expect(packageFileName('share', '../x')).toBe('kluis-package-package.age');
  });
});
