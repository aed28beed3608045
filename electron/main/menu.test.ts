import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutText, buildMenuTemplate } from './menu.js';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);

describe('application menu', () => {
  it('has File, Edit, View and Help, and About opens the about box', () => {
    const showAbout = vi.fn();
    const menu = buildMenuTemplate({ platform: 'linux', isPackaged: true, locale: 'en', showAbout });
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(roles(menu)).toEqual(expect.arrayContaining(['quit', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'copy', 'paste']));
    const help = menu[3]!.submenu as MenuItemConstructorOptions[];
    (help[0]!.click as () => void)();
    expect(showAbout).toHaveBeenCalledOnce();
  });

  it('offers reload and developer tools only outside an installed app', () => {
    const packaged = roles(buildMenuTemplate({ platform: 'linux', isPackaged: true, locale: 'en', showAbout: () => {} }));
    const dev = roles(buildMenuTemplate({ platform: 'linux', isPackaged: false, locale: 'en', showAbout: () => {} }));
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('toggleDevTools');
    expect(dev).toContain('reload');
  });

  it('follows macOS conventions and speaks French', () => {
    const menu = buildMenuTemplate({ platform: 'darwin', isPackaged: true, locale: 'fr', showAbout: () => {} });
    expect(menu.map((m) => m.label)).toEqual(['vlab', 'Fichier', 'Édition', 'Affichage', 'Aide']);
    expect(aboutText('1.0.0', 'fr').detail).toContain('Licence : MIT');
    expect(aboutText('1.0.0', 'en')).toMatchObject({ message: 'vlab 1.0.0', detail: expect.stringContaining('Licence: MIT') });
  });
});
