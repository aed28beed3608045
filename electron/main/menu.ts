/**
 * The application menu. Built as plain data so it can be tested without Electron; roles give
 * the native behaviour (and, on macOS, the system's own translations).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../../host/contract.js';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Reload and the developer tools only in a development run, never in an installed app. */
  isPackaged: boolean;
  locale: Locale;
  showAbout(): void;
}

const LABELS = {
  en: { file: 'File', edit: 'Edit', view: 'View', help: 'Help', about: 'About vlab', quit: 'Quit' },
  fr: { file: 'Fichier', edit: 'Édition', view: 'Affichage', help: 'Aide', about: 'À propos de vlab', quit: 'Quitter' },
} as const;

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const t = LABELS[options.locale];
  const isMac = options.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];

  if (isMac) {
    template.push({
      label: 'vlab',
      submenu: [
        { label: t.about, click: () => options.showAbout() },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit', label: t.quit },
      ],
    });
  }

  template.push({ label: t.file, submenu: [isMac ? { role: 'close' } : { role: 'quit', label: t.quit }] });

  // Without an Edit menu, copy and paste shortcuts do nothing on macOS (the terminal needs them).
  template.push({
    label: t.edit,
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  });

  const view: MenuItemConstructorOptions[] = [
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { role: 'resetZoom' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (!options.isPackaged) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  template.push({ label: t.view, submenu: view });

  template.push({ label: t.help, role: 'help', submenu: isMac ? [] : [{ label: t.about, click: () => options.showAbout() }] });
  return template;
}

export function aboutText(version: string, locale: Locale): { title: string; message: string; detail: string } {
  return locale === 'fr'
    ? {
        title: 'À propos de vlab',
        message: `vlab ${version}`,
        detail: "Un laboratoire hors ligne pour enseigner la virtualisation : Linux-VServer, VMware ESX et les niveaux de privilège x86.\n\nLicence : MIT",
      }
    : {
        title: 'About vlab',
        message: `vlab ${version}`,
        detail: 'An offline lab for teaching virtualisation: Linux-VServer, VMware ESX and x86 privilege levels.\n\nLicence: MIT',
      };
}
