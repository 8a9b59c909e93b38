import { clipboard, ipcMain, shell, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { isAppUrl } from './app-url.js';
import { externalUrlToOpen } from './external-url.js';
import { IPC_CHANNELS, MAX_COPY_TEXT_LENGTH, type DesktopConnection } from './ipc-channels.js';

/** Only the app's own page may use the bridge; a frame that navigated elsewhere gets nothing. */
function fromApp(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  return isAppUrl(event.senderFrame?.url);
}

/** One handler per channel; every one checks the sender first and its arguments second. */
export function registerIpcHandlers(connection: DesktopConnection): void {
  ipcMain.on(IPC_CHANNELS['hookbench:connection'], (event) => {
    event.returnValue = fromApp(event) ? connection : null;
  });
  ipcMain.handle(IPC_CHANNELS['hookbench:copy-text'], (event, text: unknown) => {
    if (!fromApp(event)) throw new Error('Refused: copy requested by a page that is not Hookbench.');
    if (typeof text !== 'string' || text.length > MAX_COPY_TEXT_LENGTH)
      throw new Error('Refused: copy takes one string of at most 16 MiB.');
    clipboard.writeText(text);
  });
  ipcMain.handle(IPC_CHANNELS['hookbench:open-external'], async (event, raw: unknown) => {
    if (!fromApp(event)) throw new Error('Refused: link opened by a page that is not Hookbench.');
    const url = externalUrlToOpen(raw);
    if (!url) return false;
    await shell.openExternal(url);
    return true;
  });
}
