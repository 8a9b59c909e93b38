import type { CloudflaredDownload } from '../../../shared/api/tunnel-routes.js';

/** The cloudflare helper's download module (providers/cloudflare/cloudflared-download.ts), per the team brief's signatures. */
export interface CloudflaredDownloader {
  cloudflaredDownloadAvailable(platform?: NodeJS.Platform, arch?: string): boolean;
  downloadCloudflared(options: {
    dataDir: string;
    baseUrl: string;
    ca?: string[];
    platform?: NodeJS.Platform;
    arch?: string;
  }): Promise<CloudflaredDownload>;
}

// Computed so that a build without the module still compiles; the API then says the download is not available.
const MODULE = './providers/cloudflare/cloudflared-download.js';

/** The download module, or null when this build has none. */
export async function loadCloudflaredDownloader(): Promise<CloudflaredDownloader | null> {
  try {
    const loaded = (await import(MODULE)) as Partial<CloudflaredDownloader>;
    if (typeof loaded.downloadCloudflared !== 'function' || typeof loaded.cloudflaredDownloadAvailable !== 'function') return null;
    return loaded as CloudflaredDownloader;
  } catch {
    return null;
  }
}
