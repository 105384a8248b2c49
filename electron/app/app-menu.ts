// A till's menu: Quit, the text-editing shortcuts (so copy/paste work in inputs) and full screen — no
// Reload or DevTools, which would let anyone at the counter reset or inspect the cashier screen.
// Developers get the default menu when the app is not packaged.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';

export function tillMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'View', submenu: [{ role: 'togglefullscreen' }] },
  ];
  // macOS puts Quit in the application menu; elsewhere it goes in a File menu.
  template.unshift(platform === 'darwin' ? { role: 'appMenu' } : { label: 'File', submenu: [{ role: 'quit' }] });
  return template;
}

export function installTillMenu(): void {
  if (!app.isPackaged) return;
  Menu.setApplicationMenu(Menu.buildFromTemplate(tillMenuTemplate(process.platform)));
}
