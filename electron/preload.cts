// Sandboxed preloads cannot be ES modules, hence CommonJS; and they can require only
// 'electron', so the channel names are checked against ipc-channels.ts at compile time only.
import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopConnection, IpcChannel, IpcChannels } from './shell/ipc-channels.js';

const channel = <C extends IpcChannel>(name: C): C => name;

// The connection comes by one synchronous IPC rather than `additionalArguments`: a renderer's
// command line is readable by every local process (`ps`, /proc/<pid>/cmdline), the token must not be.
const connection = ipcRenderer.sendSync(channel('hookbench:connection')) as IpcChannels['hookbench:connection']['result'];

/** What the page sees as `window.hookbench`: the API address, its token, one function per operation. */
interface HookbenchBridge extends DesktopConnection {
  copyText(text: string): Promise<void>;
  openExternal(url: string): Promise<boolean>;
}

if (connection) {
  const bridge: HookbenchBridge = {
    apiBase: connection.apiBase,
    token: connection.token,
    copyText: (text) => ipcRenderer.invoke(channel('hookbench:copy-text'), String(text)),
    openExternal: (url) => ipcRenderer.invoke(channel('hookbench:open-external'), String(url)),
  };
  contextBridge.exposeInMainWorld('hookbench', bridge);
}
