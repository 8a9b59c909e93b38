import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate, type AppMenuActions } from '../../electron/shell/app-menu.js';

/** The menu's actions as spies, typed as mocks so that a test reads them back as values. */
function actions() {
  return { copyText: vi.fn(), openDataFolder: vi.fn(), showCaCertificate: vi.fn(), openApiReference: vi.fn() } satisfies AppMenuActions;
}

function find(items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const found = Array.isArray(item.submenu) ? find(item.submenu, id) : undefined;
    if (found) return found;
  }
  return undefined;
}

const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as () => void)();

describe('application menu', () => {
  const state = { platform: 'linux' as const, receiverUrl: 'http://127.0.0.1:4610/', tunnelUrl: null };

  it('has the usual File, Edit, View, Window and Help menus, plus the app menu on macOS', () => {
    const labelsOrRoles = (items: MenuItemConstructorOptions[]) => items.map((item) => item.role ?? item.label);
    expect(labelsOrRoles(appMenuTemplate(state, actions()))).toEqual(['File', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    expect(labelsOrRoles(appMenuTemplate({ ...state, platform: 'darwin' }, actions()))).toEqual([
      'appMenu',
      'File',
      'editMenu',
      'viewMenu',
      'windowMenu',
      'help',
    ]);
  });

  it('copies the receiver URL to the clipboard', () => {
    const spy = actions();
    click(find(appMenuTemplate(state, spy), 'copy-receiver-url'));
    expect(spy.copyText).toHaveBeenCalledWith('http://127.0.0.1:4610/');
  });

  it('keeps Copy Tunnel URL disabled until the tunnel exists, then copies its URL', () => {
    expect(find(appMenuTemplate(state, actions()), 'copy-tunnel-url')?.enabled).toBe(false);
    const spy = actions();
    const item = find(appMenuTemplate({ ...state, tunnelUrl: 'https://relay.example/t/abc' }, spy), 'copy-tunnel-url');
    expect(item?.enabled).toBe(true);
    click(item);
    expect(spy.copyText).toHaveBeenCalledWith('https://relay.example/t/abc');
  });

  it('offers the data folder, the CA certificate and the API reference', () => {
    const spy = actions();
    const template = appMenuTemplate(state, spy);
    click(find(template, 'open-data-folder'));
    click(find(template, 'show-ca-certificate'));
    click(find(template, 'open-api-reference'));
    expect(spy.openDataFolder).toHaveBeenCalledOnce();
    expect(spy.showCaCertificate).toHaveBeenCalledOnce();
    expect(spy.openApiReference).toHaveBeenCalledOnce();
  });
});
