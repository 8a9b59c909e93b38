/** One release asset and the digests it must have. */
export interface CloudflaredAsset {
  /** File name in the release, e.g. cloudflared-linux-amd64. */
  name: string;
  /** SHA-256 of the asset exactly as downloaded (the .tgz itself on macOS). */
  sha256: string;
  /** macOS assets are gzipped tarballs holding the `cloudflared` executable. */
  archive: 'none' | 'tgz';
  /** For a tarball: SHA-256 of the executable inside (the digest Cloudflare's release notes list for it). */
  binarySha256?: string;
}

export interface CloudflaredRelease {
  version: string;
  /** Keyed by `${process.platform}-${process.arch}`. A platform missing here cannot be downloaded. */
  assets: Readonly<Record<string, CloudflaredAsset>>;
}

/**
 * The cloudflared release "Download cloudflared" installs. Hookbench never downloads "latest": it
 * fetches exactly this version and refuses any file whose SHA-256 differs from this table.
 *
 * Provenance: these digests could not be computed here (no internet). They were taken from several
 * unrelated public projects that pin cloudflared 2026.8.2 and agree with each other; before a release,
 * check them against https://github.com/cloudflare/cloudflared/releases/tag/2026.8.2 (the release
 * notes list the Linux and Windows digests; for macOS they list the executable inside the .tgz, which is
 * `binarySha256` here, while `sha256` is that of the .tgz itself).
 */
export const CLOUDFLARED_RELEASE: CloudflaredRelease = {
  version: '2026.8.2',
  assets: {
    'linux-x64': {
      name: 'cloudflared-linux-amd64',
      sha256: 'fcfb02b575a52ca1af2e3267af4e1517bcdeb30ac48c834c69abaed3c0576ad2',
      archive: 'none',
    },
    'linux-arm64': {
      name: 'cloudflared-linux-arm64',
      sha256: '7747d94570fb390cf47dcb4f9555c193c6355cda9793f0d878d9049e5d6a7790',
      archive: 'none',
    },
    'linux-arm': {
      name: 'cloudflared-linux-arm',
      sha256: '19809425f60a6261241dfa66a42b4115bab07c295396a3c4d5d7c247fc4e1412',
      archive: 'none',
    },
    'linux-ia32': {
      name: 'cloudflared-linux-386',
      sha256: '39845d980a4b74b9c84530a28d8fea1fe6c476de26460275602162b349f1cbef',
      archive: 'none',
    },
    'darwin-x64': {
      name: 'cloudflared-darwin-amd64.tgz',
      sha256: 'f1727723c586500e2092368ae21871b3df7ddfd2cb097f22d81bee4a9c458bb4',
      archive: 'tgz',
      binarySha256: 'b0f770e1e0b281399a57219b840fd8eef1cc25387a404124248157ea2073727a',
    },
    'darwin-arm64': {
      name: 'cloudflared-darwin-arm64.tgz',
      sha256: '9042c2c5d8b2de78e60f313d5fb31b6c5c1cebde787a3caf1f2c9588084ac442',
      archive: 'tgz',
      binarySha256: 'b61054d3d6326ea558cb49826eebf5676e0d0a36d51b546975096ca3e0e3c89d',
    },
    'win32-x64': {
      name: 'cloudflared-windows-amd64.exe',
      sha256: 'c29eee2b121f5436a642eed69fd9767da7e7b8c510fa50aaa130337f931357b5',
      archive: 'none',
    },
    'win32-ia32': {
      name: 'cloudflared-windows-386.exe',
      sha256: '6acb072357618fa16c53c43e05438ed728aacd47119f1c6c3aa1a668c3299b43',
      archive: 'none',
    },
  },
};

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The asset for a platform, or null when the table has no complete entry for it (a missing digest counts as no entry). */
export function cloudflaredAssetFor(release: CloudflaredRelease, platform: NodeJS.Platform, arch: string): CloudflaredAsset | null {
  const asset = release.assets[`${platform}-${arch}`];
  if (!asset || !SHA256_HEX.test(asset.sha256)) return null;
  if (asset.archive === 'tgz' && asset.binarySha256 !== undefined && !SHA256_HEX.test(asset.binarySha256)) return null;
  return asset;
}
