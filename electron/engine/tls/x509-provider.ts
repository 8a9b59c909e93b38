// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata
// polyfill loaded before the library itself; every use of x509 goes through this module.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

// Node's webcrypto is the standard Crypto; the cast only bridges the DOM type name.
x509.cryptoProvider.set(webcrypto as never);

export { x509 };
