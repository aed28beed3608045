import { describe, expect, it } from 'vitest';
import { progressFile, resolveDataDir, userLabsDir } from './data-dir.js';
import { detectSystemLocale } from './system-locale.js';

describe('resolveDataDir', () => {
  it('honours VLAB_DATA_DIR first', () => {
    expect(resolveDataDir({ platform: 'linux', env: { VLAB_DATA_DIR: '/media/usb/vlab', XDG_CONFIG_HOME: '/x' }, home: '/home/ana' })).toBe('/media/usb/vlab');
  });

  it('uses XDG_CONFIG_HOME on Linux, ~/.config otherwise (and ignores a relative XDG path)', () => {
    expect(resolveDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg' }, home: '/home/ana' })).toBe('/cfg/vlab');
    expect(resolveDataDir({ platform: 'linux', env: {}, home: '/home/ana' })).toBe('/home/ana/.config/vlab');
    expect(resolveDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: 'rel' }, home: '/home/ana' })).toBe('/home/ana/.config/vlab');
  });

  it('uses %APPDATA% on Windows and Application Support on macOS', () => {
    expect(resolveDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, home: 'C:\\Users\\ana' })).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\vlab',
    );
    expect(resolveDataDir({ platform: 'darwin', env: {}, home: '/Users/ana' })).toBe('/Users/ana/Library/Application Support/vlab');
  });

  it('puts labs and progress inside the data folder', () => {
    expect(userLabsDir('/d')).toBe('/d/labs');
    expect(progressFile('/d')).toBe('/d/progress.json');
  });
});

describe('detectSystemLocale', () => {
  it('follows LC_ALL, then LC_MESSAGES, then LANG, then Intl', () => {
    expect(detectSystemLocale({ LC_ALL: 'fr_FR.UTF-8', LANG: 'en_US.UTF-8' }, 'en-US')).toBe('fr');
    expect(detectSystemLocale({ LC_MESSAGES: 'en_GB.UTF-8', LANG: 'fr_FR.UTF-8' }, 'fr-FR')).toBe('en');
    expect(detectSystemLocale({ LANG: 'fr_CA.UTF-8' }, 'en-US')).toBe('fr');
    expect(detectSystemLocale({}, 'fr-BE')).toBe('fr');
    expect(detectSystemLocale({ LANG: 'de_DE.UTF-8' }, 'fr-FR')).toBe('en');
  });

  it('skips the C locale, which says nothing about language', () => {
    expect(detectSystemLocale({ LC_ALL: 'C.UTF-8', LANG: 'fr_FR.UTF-8' }, 'en-US')).toBe('fr');
    expect(detectSystemLocale({ LANG: 'POSIX' }, 'fr-FR')).toBe('fr');
  });
});
