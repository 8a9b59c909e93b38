// The zod schemas of the InboundFlow delivery contract, and the types inferred from them.
export * from './formats.js';
export * from './events.js';
export * from './envelope.js';
export * from './headers.js';
