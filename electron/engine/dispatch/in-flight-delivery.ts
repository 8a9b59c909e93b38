import type { DeliverySummary } from '../../../shared/api/deliveries.js';
import type { NewOutgoing } from '../store/integrations/outgoing-rows.js';

/** One outgoing delivery on its way through its line: its row, its fixed body, and its list-row view. */
export interface InFlightDelivery {
  /** null until stored: a new delivery whose line is free is stored together with its first attempt. */
  seq: number | null;
  body: Buffer;
  summary: DeliverySummary;
  unstored: NewOutgoing | null;
  /** Settles once the delivery has a row. */
  stored: Promise<void>;
  markStored: (error?: Error) => void;
}

export function inFlightDelivery(
  seq: number | null,
  body: Buffer,
  summary: DeliverySummary,
  unstored: NewOutgoing | null = null,
): InFlightDelivery {
  let markStored!: InFlightDelivery['markStored'];
  const stored = new Promise<void>((resolve, reject) => {
    markStored = (error) => (error === undefined ? resolve() : reject(error));
  });
  // Awaited by whoever needs it; never an unhandled rejection when nobody does.
  stored.catch(() => {});
  if (seq !== null) markStored();
  return { seq, body, summary, unstored, stored, markStored };
}
