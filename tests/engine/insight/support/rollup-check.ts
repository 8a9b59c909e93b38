import { expect } from 'vitest';
import type { Store } from '../../../../electron/engine/store/store.js';

/** Once derived data has caught up, the rollup must equal a GROUP BY over the deliveries it summarizes. */
export async function expectRollupInStep(store: Pick<Store, 'db' | 'derived'>) {
  await store.derived.idle();
  const kept = store.db
    .prepare('SELECT minute, source_key, direction, status_class, ms_bin, n FROM delivery_rollup WHERE n != 0 ORDER BY 1, 2, 3, 4, 5')
    .all();
  const recomputed = store.db
    .prepare(
      `SELECT received_at / 60000 AS minute, coalesce(inbox_id, integration_id, '') AS source_key, direction,
        CASE WHEN response_status BETWEEN 100 AND 599 THEN response_status / 100 ELSE 0 END AS status_class,
        CASE WHEN response_ms IS NULL THEN -1 WHEN response_ms < 5 THEN 0 WHEN response_ms < 10 THEN 1 WHEN response_ms < 25 THEN 2
          WHEN response_ms < 50 THEN 3 WHEN response_ms < 100 THEN 4 WHEN response_ms < 250 THEN 5 WHEN response_ms < 500 THEN 6
          WHEN response_ms < 1000 THEN 7 WHEN response_ms < 2500 THEN 8 WHEN response_ms < 5000 THEN 9 WHEN response_ms < 10000 THEN 10 ELSE 11 END AS ms_bin,
        count(*) AS n
      FROM deliveries GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    )
    .all();
  expect(kept).toEqual(recomputed);
  expect(store.db.prepare('SELECT count(*) AS n FROM delivery_rollup WHERE n <= 0').get()).toEqual({ n: 0 });
}
