import type { DeliveryAnswer } from '../../../../shared/api/responses.js';
import type { Db } from '../database.js';
import { GroupCommitter } from '../group-commit.js';
import { answerResponseMs } from '../insight/response-time.js';
import type { RecordedResponse } from '../../inbound/captured-request.js';

interface AnswerUpdate {
  id: string;
  response: RecordedResponse;
  answer: DeliveryAnswer;
}

/**
 * The second, small write of a forwarded delivery: the handler's answer (or the 502/504) and the
 * forward facts. Updates arriving together share one transaction, as deliveries do.
 */
export function createAnswerWriter(db: Db) {
  const updateRow = db.prepare(
    'UPDATE deliveries SET response_status = ?, response_headers_json = ?, answer_json = ?, response_ms = ? WHERE id = ?',
  );
  const updateBody = db.prepare('UPDATE delivery_bodies SET response_body = ? WHERE seq = (SELECT seq FROM deliveries WHERE id = ?)');
  const apply = db.transaction((items: AnswerUpdate[]) => {
    for (const { id, response, answer } of items) {
      updateRow.run(response.status, JSON.stringify(response.headers), JSON.stringify(answer), answerResponseMs(answer), id);
      updateBody.run(response.body, id);
    }
  });
  const writer = new GroupCommitter<AnswerUpdate>((items) => apply(items));
  return {
    /** Resolves once committed; a delivery deleted meanwhile is simply not updated. */
    record: (id: string, response: RecordedResponse, answer: DeliveryAnswer) => writer.submit({ id, response, answer }),
    flush: () => writer.flush(),
  };
}
