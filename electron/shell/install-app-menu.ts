import { clipboard, Menu, shell } from 'electron';
import type { EngineInfo } from '../engine/engine.js';
import { appMenuTemplate } from './app-menu.js';

/** Sets the application menu and rebuilds it when the tunnel URL appears or goes away. */
export function installAppMenu(info: EngineInfo): { setTunnelUrl(url: string | null): void } {
  const actions = {
    copyText: (text: string) => clipboard.writeText(text),
    openDataFolder: () => void shell.openPath(info.dataDir),
    showCaCertificate: () => shell.showItemInFolder(info.caCertPath),
    openApiReference: () => void shell.openExternal(`${info.apiUrl}/openapi.json`),
  };
  const build = (tunnelUrl: string | null) =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, receiverUrl: `${info.httpUrl}/`, tunnelUrl }, actions)),
    );
  build(null);
  return { setTunnelUrl: build };
}
