import type { InlineDeliveryRecord } from '../../../shared/api/deliveries.js';
import type { exportRoutes } from '../../../shared/api/export-routes.js';
import { decodeBody } from '../../../shared/api/body-codec.js';
import { HookbenchError } from '../../../shared/errors.js';
import type { Handlers } from './router.js';
import type { Store } from '../store/store.js';
import type { ArrivalFilter } from '../store/deliveries/arrival-pages.js';
import { resolveDeliveryFilter, type DeliveryFilterQuery } from '../store/deliveries/delivery-filter.js';
import { curlScript } from '../export/curl-export.js';
import { deliveryUrl, harEntry, harEnvelope, harLog } from '../export/har.js';
import { StreamedReply } from './streamed-reply.js';

const PAGE = 100;

export interface ExportContext {
  store: Pick<Store, 'arrivals' | 'deliveries' | 'inboxes'>;
  version: string;
  /** The HTTP receiver's origin: where a curl of an incoming delivery sends it again. */
  receiverOrigin: () => string;
}

/** Resolves the `inbox` filter (id or slug) the way the list does. */
export function arrivalFilter(store: Pick<Store, 'inboxes'>, query: DeliveryFilterQuery): ArrivalFilter {
  const {
    limit: _limit,
    before: _before,
    ...filter
  } = resolveDeliveryFilter(query, (inbox) => {
    const row = store.inboxes.find(inbox);
    if (!row) throw new HookbenchError('not_found', `No inbox with id ${JSON.stringify(inbox)}.`, 404);
    return row.id;
  });
  return filter;
}

/** The export routes (shared/api/export-routes.ts). */
export function createExportHandlers({ store, version, receiverOrigin }: ExportContext): Handlers<typeof exportRoutes> {
  const pages = store.arrivals;

  /** Full records in arrival order, one read at a time, up to what existed when the export began (upTo). */
  function* records(filter: ArrivalFilter, upTo: number): Generator<InlineDeliveryRecord> {
    for (let after = 0; ;) {
      const page = pages.page(filter, after, upTo, PAGE);
      for (const row of page) {
        const record = store.deliveries.get(row.id);
        if (record) yield record;
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1].seq;
    }
  }

  function* joined(head: string, items: Iterable<string>, separator: string, tail: string): Generator<string> {
    yield head;
    let first = true;
    for (const item of items) {
      yield first ? item : separator + item;
      first = false;
    }
    yield tail;
  }

  function* map<T, U>(items: Iterable<T>, fn: (item: T) => U): Generator<U> {
    for (const item of items) yield fn(item);
  }

  return {
    exportDelivery: ({ params, query }) => {
      const record = store.deliveries.get(params.id);
      if (!record) throw new HookbenchError('not_found', `No delivery with id ${JSON.stringify(params.id)}.`, 404);
      if (query.format === 'json') return record;
      if (query.format === 'har') return harLog(version, [harEntry(record, receiverOrigin())]);
      const script = curlScript({
        method: record.method,
        url: deliveryUrl(record, receiverOrigin()),
        headers: record.headers,
        body: decodeBody(record.body),
      });
      return new StreamedReply('text/plain; charset=utf-8', [script]);
    },

    exportDeliveries: async ({ query }) => {
      const { format, ...filters } = query;
      const filter = arrivalFilter(store, filters);
      const selected = records(filter, await pages.snapshot(filter));
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      if (format === 'ndjson')
        return new StreamedReply(
          'application/x-ndjson',
          map(selected, (r) => `${JSON.stringify(r)}\n`),
          `hookbench-${stamp}.ndjson`,
        );
      if (format === 'json')
        return new StreamedReply(
          'application/json',
          joined(
            '[',
            map(selected, (r) => JSON.stringify(r)),
            ',',
            ']\n',
          ),
          `hookbench-${stamp}.json`,
        );
      const { head, tail } = harEnvelope(version);
      const entries = map(selected, (r) => JSON.stringify(harEntry(r, receiverOrigin())));
      return new StreamedReply('application/json', joined(head, entries, ',', `${tail}\n`), `hookbench-${stamp}.har`);
    },
  };
}
