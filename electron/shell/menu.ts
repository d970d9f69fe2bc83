import type { MenuItemConstructorOptions } from 'electron';
import { shellText, type ShellLocale } from './shell-text';

/** The application menu: standard roles with translated labels; developer tools only unpackaged. */
export function buildMenuTemplate(
  locale: ShellLocale,
  options: { platform: NodeJS.Platform; isPackaged: boolean },
): MenuItemConstructorOptions[] {
  const t = shellText(locale);
  const isMac = options.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: 'Kefu Desk',
      submenu: [
        { role: 'about', label: t.about },
        { type: 'separator' },
        { role: 'hide', label: t.hide },
        { role: 'hideOthers', label: t.hideOthers },
        { role: 'unhide', label: t.unhide },
        { type: 'separator' },
        { role: 'quit', label: t.quit },
      ],
    });
  } else {
    template.push({ label: t.file, submenu: [{ role: 'quit', label: t.quit }] });
  }
  template.push({
    label: t.edit,
    submenu: [
      { role: 'undo', label: t.undo },
      { role: 'redo', label: t.redo },
      { type: 'separator' },
      { role: 'cut', label: t.cut },
      { role: 'copy', label: t.copy },
      { role: 'paste', label: t.paste },
      { role: 'selectAll', label: t.selectAll },
    ],
  });
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: t.resetZoom },
    { role: 'zoomIn', label: t.zoomIn },
    { role: 'zoomOut', label: t.zoomOut },
    { type: 'separator' },
    { role: 'togglefullscreen', label: t.fullScreen },
  ];
  if (!options.isPackaged) {
    view.unshift({ role: 'reload', label: t.reload }, { role: 'toggleDevTools', label: t.devTools }, { type: 'separator' });
  }
  template.push({ label: t.view, submenu: view });
  template.push({
    label: t.window,
    submenu: [
      { role: 'minimize', label: t.minimize },
      { role: 'close', label: t.close },
    ],
  });
  return template;
}
