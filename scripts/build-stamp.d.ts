// Types for build-stamp.js (plain JS: it runs before anything is compiled).
export declare const BUILD_INPUTS: readonly string[];
export declare const BUILD_OUTPUTS: readonly string[];
export declare function inputsDigest(root: string): string;
export declare function outputsDigest(root: string): string;
export declare function writeStamp(root: string): void;
export declare function clearStamp(root: string): void;
export declare function staleReason(root: string): string | null;
