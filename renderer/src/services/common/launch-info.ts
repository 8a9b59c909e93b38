/** How this page was reached: the command that printed its link, and the link's form with this page's own origin. */
export interface LaunchInfo {
  command: string;
  linkForm: string;
}

/** Read from the page: the engine names its command in a meta tag; the origin is where this page came from. */
export function readLaunchInfo(page: Pick<Document, 'querySelector'> = document, origin = window.location.origin): LaunchInfo {
  const command = page.querySelector<HTMLMetaElement>('meta[name="hookbench-launch-command"]')?.content.trim();
  return { command: command || 'hookbench serve', linkForm: `${origin}/#token=…` };
}
