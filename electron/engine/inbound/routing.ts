/** Where a request goes: `/i/<slug>/…` → that inbox, anything else → the default inbox (slug null). */
export function inboxSlugOf(target: string): string | null {
  const match = /^\/i\/([^/?#]+)(?:[/?#]|$)/.exec(target);
  return match ? decodeURIComponentSafe(match[1]).toLowerCase() : null;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
