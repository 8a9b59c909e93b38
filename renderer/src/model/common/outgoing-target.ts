export interface OutgoingTarget {
  /** The host (and port) the delivery went to, when known. */
  host: string | null;
  path: string;
}

/**
 * A list row's target for a sent delivery: host and path when the integration still points there
 * (summaries carry only the path), else the path alone, so an edited integration never mislabels old rows.
 */
export function outgoingTarget(path: string, integrationUrl: string | undefined): OutgoingTarget {
  if (!integrationUrl) return { host: null, path };
  try {
    const url = new URL(integrationUrl);
    return { host: `${url.pathname}${url.search}` === path ? url.host : null, path };
  } catch {
    return { host: null, path };
  }
}
