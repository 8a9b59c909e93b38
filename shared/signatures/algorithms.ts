/** HMAC hash algorithms the schemes use; a pure module, so the renderer can import it. */
export const HMAC_ALGORITHMS = ['sha1', 'sha256', 'sha512'] as const;
export type HmacAlgorithm = (typeof HMAC_ALGORITHMS)[number];
