/**
 * Every IPC channel between the preload and the main process, declared once. The sandboxed
 * preload cannot load this file at run time, so it imports the types and the compiler checks
 * its channel names against them.
 */
export interface IpcChannels {
  /** Synchronous, once, while the preload runs: where the control API is and its token. */
  'hookbench:connection': { args: []; result: DesktopConnection | null };
  'hookbench:copy-text': { args: [text: string]; result: void };
  'hookbench:open-external': { args: [url: string]; result: boolean };
}
export type IpcChannel = keyof IpcChannels;

export interface DesktopConnection {
  /** `http://127.0.0.1:<port>`, without `/api`: the renderer adds the route paths. */
  apiBase: string;
  token: string;
}

export const IPC_CHANNELS: { [K in IpcChannel]: K } = {
  'hookbench:connection': 'hookbench:connection',
  'hookbench:copy-text': 'hookbench:copy-text',
  'hookbench:open-external': 'hookbench:open-external',
};

/** Clipboard text from the renderer is capped: a hostile page must not fill memory through it. */
export const MAX_COPY_TEXT_LENGTH = 16 * 1024 * 1024;
