import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuState {
  platform: NodeJS.Platform;
  receiverUrl: string;
  /** Null until the tunnel is connected; its menu item stays disabled until then. */
  tunnelUrl: string | null;
}

export interface AppMenuActions {
  copyText(text: string): void;
  openDataFolder(): void;
  showCaCertificate(): void;
  openApiReference(): void;
}

/** The application menu: the platform's usual roles plus Hookbench's own copy commands. */
export function appMenuTemplate(state: AppMenuState, actions: AppMenuActions): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const tunnelUrl = state.tunnelUrl;
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      {
        id: 'copy-receiver-url',
        label: 'Copy Receiver URL',
        accelerator: 'CmdOrCtrl+Shift+C',
        click: () => actions.copyText(state.receiverUrl),
      },
      {
        id: 'copy-tunnel-url',
        label: 'Copy Tunnel URL',
        enabled: tunnelUrl !== null,
        click: () => {
          if (tunnelUrl !== null) actions.copyText(tunnelUrl);
        },
      },
      { type: 'separator' },
      { id: 'open-data-folder', label: 'Open Data Folder', click: () => actions.openDataFolder() },
      { id: 'show-ca-certificate', label: 'Show HTTPS CA Certificate', click: () => actions.showCaCertificate() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ id: 'open-api-reference', label: 'Control API Reference (OpenAPI)', click: () => actions.openApiReference() }],
    },
  ];
}
