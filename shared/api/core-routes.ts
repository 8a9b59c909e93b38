import { Ok } from './common.js';
import { DeliveryList, DeliveryListQuery, DeliveryRecord } from './deliveries.js';
import { Health } from './health.js';
import { Inbox, InboxCreate, InboxList, InboxPatch } from './inboxes.js';
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
  getDelivery: { method: 'GET', path: '/api/deliveries/:id', summary: 'One delivery with headers, exact body and response', response: DeliveryRecord },
  deleteDelivery: { method: 'DELETE', path: '/api/deliveries/:id', summary: 'Delete one delivery', response: Ok },
  listInboxes: { method: 'GET', path: '/api/inboxes', summary: 'All inboxes', response: InboxList },
  createInbox: { method: 'POST', path: '/api/inboxes', summary: 'Create an inbox', body: InboxCreate, response: Inbox, status: 201 },
  getInbox: { method: 'GET', path: '/api/inboxes/:id', summary: 'One inbox (by id or slug)', response: Inbox },
  updateInbox: { method: 'PATCH', path: '/api/inboxes/:id', summary: 'Rename an inbox, change its slug or secret', body: InboxPatch, response: Inbox },
  deleteInbox: { method: 'DELETE', path: '/api/inboxes/:id', summary: 'Delete an inbox and its deliveries', response: Ok },
} as const satisfies Record<string, RouteContract>;
