import type { ResolveHook } from 'node:module';

// `electron` is the stand-in compiled next to this file; everything else resolves as usual.
const STAND_IN = new URL('./electron.js', import.meta.url).href;

export const resolve: ResolveHook = (specifier, context, nextResolve) =>
  specifier === 'electron' ? { url: STAND_IN, shortCircuit: true } : nextResolve(specifier, context);
