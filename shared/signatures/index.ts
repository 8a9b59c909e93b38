// Every webhook signature scheme Hookbench signs, verifies and explains, behind one interface.
export * from './scheme.js';
export * from './causes.js';
export * from './detect.js';
export * from './registry.js';
export * from './rotation.js';
export * from './custom-config.js';
export { customScheme } from './custom.js';
