/**
 * Loaded with `--import` before the main process: makes this Node process look like Electron's
 * main process to app code (the process fields Electron sets, `electron` resolving to the stand-in).
 */
import { register } from 'node:module';
import { STAND_IN_ENV } from './messages.js';

const version = process.env[STAND_IN_ENV.version];
if (!version) throw new Error(`${STAND_IN_ENV.version} is not set`);
Object.assign(process.versions, { electron: version });
Object.assign(process, { type: 'browser', resourcesPath: process.env[STAND_IN_ENV.resourcesPath] });
register('./hooks.js', import.meta.url);
