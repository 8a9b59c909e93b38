/**
 * InboundFlow's delivery timeout ("webhooks have a 10-second delivery timeout"): the dispatch
 * engine's default deadline for an attempt, and the wait the UI announces for a hang.
 */
export const DELIVERY_TIMEOUT_MS = 10_000;
