import type { RawHeaders } from '../../../../shared/api/common.js';
import type { DeliveryAnswer } from '../../../../shared/api/responses.js';
import type { Db } from '../database.js';
import { answerResponseMs } from '../insight/response-time.js';
import type { WriteQueue } from '../write-queue.js';

/** The answer a sender got, as stored with its delivery. */
export interface StoredAnswer {
  status: number;
  headers: RawHeaders;
  body: Buffer;
}

/**
 * The second, small write of a forwarded delivery: the handler's answer (or the 502/504) and the
 * forward facts. It rides in the write queue's next batch with whatever else arrives meanwhile.
 */
export function createAnswerRepository(db: Db, writes: WriteQueue) {
  const updateRow = db.prepare(
    'UPDATE deliveries SET response_status = ?, response_headers_json = ?, answer_json = ?, response_ms = ? WHERE id = ?',
  );
  const updateBody = db.prepare('UPDATE delivery_bodies SET response_body = ? WHERE seq = (SELECT seq FROM deliveries WHERE id = ?)');
  return {
    /** Durable, like the delivery it completes; a delivery deleted meanwhile is simply not updated. */
    record: (id: string, response: StoredAnswer, answer: DeliveryAnswer): Promise<void> =>
      writes.write('durable', () => {
        updateRow.run(response.status, JSON.stringify(response.headers), JSON.stringify(answer), answerResponseMs(answer), id);
        updateBody.run(response.body, id);
      }),
  };
}

export type AnswerRepository = ReturnType<typeof createAnswerRepository>;
