import { Ok } from './common.js';
import {
  DeliveryBodyBytes,
  DeliveryBodyQuery,
  DeliveryList,
  DeliveryListQuery,
  DeliveryRecord,
  DeliveryRecordQuery,
  DeliverySummary,
} from './deliveries.js';
import { Health } from './health.js';
import { ClearResult, Inbox, InboxCreate, InboxList, InboxPatch } from './inboxes.js';
import type { RouteContract } from './route-contract.js';

/** Health, deliveries and inboxes: the foundation's routes. */
export const coreRoutes = {
  health: { method: 'GET', path: '/api/health', summary: 'Engine status and receiver URLs', response: Health },
  listDeliveries: {
    method: 'GET',
    path: '/api/deliveries',
    summary: 'Deliveries, newest first, paged by cursor',
    query: DeliveryListQuery,
    response: DeliveryList,
  },
  getDelivery: {
    method: 'GET',
    path: '/api/deliveries/:id',
    summary: 'One delivery with headers, exact body and response (bodies past inline_limit deferred)',
    query: DeliveryRecordQuery,
    response: DeliveryRecord,
  },
  getDeliveryBody: {
    method: 'GET',
    path: '/api/deliveries/:id/body',
    summary: "The exact stored bytes of a delivery's request or response body",
    query: DeliveryBodyQuery,
    response: DeliveryBodyBytes,
    produces: 'application/octet-stream',
  },
  deleteDelivery: { method: 'DELETE', path: '/api/deliveries/:id', summary: 'Delete one delivery', response: Ok },
  pinDelivery: {
    method: 'POST',
    path: '/api/deliveries/:id/pin',
    summary: 'Pin a delivery: retention and "clear inbox" never remove it',
    response: DeliverySummary,
  },
  unpinDelivery: { method: 'DELETE', path: '/api/deliveries/:id/pin', summary: 'Unpin a delivery', response: DeliverySummary },
  listInboxes: { method: 'GET', path: '/api/inboxes', summary: 'All inboxes', response: InboxList },
  createInbox: { method: 'POST', path: '/api/inboxes', summary: 'Create an inbox', body: InboxCreate, response: Inbox, status: 201 },
  getInbox: { method: 'GET', path: '/api/inboxes/:id', summary: 'One inbox (by id or slug)', response: Inbox },
  updateInbox: {
    method: 'PATCH',
    path: '/api/inboxes/:id',
    summary: 'Rename an inbox, change its slug or secret',
    body: InboxPatch,
    response: Inbox,
  },
  clearInbox: {
    method: 'POST',
    path: '/api/inboxes/:id/clear',
    summary: 'Remove every unpinned delivery of an inbox (pinned ones stay)',
    response: ClearResult,
  },
  deleteInbox: { method: 'DELETE', path: '/api/inboxes/:id', summary: 'Delete an inbox and its deliveries', response: Ok },
} as const satisfies Record<string, RouteContract>;
