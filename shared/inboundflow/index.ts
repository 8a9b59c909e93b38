// The InboundFlow webhook contract: schemas, validation, samples, signing and diagnosis.
export * from './schemas.js';
export * from './validate.js';
export * from './json-schema.js';
export * from './samples.js';
export * from './signature.js';
export * from './reserialization.js';
export * from './diagnose-causes.js';
export * from './diagnose.js';
