import { z } from 'zod';
import { ApiError, Ok } from './common.js';
import { DeliveryList, DeliveryListQuery, DeliveryRecord } from './deliveries.js';
import { Health } from './health.js';
import { Inbox, InboxCreate, InboxList, InboxPatch } from './inboxes.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One control API route: the single source for the server's validation and the OpenAPI document. */
export interface RouteContract {
  method: HttpMethod;
  path: string;
  summary: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
}

export const routes = {
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

export type RouteName = keyof typeof routes;

export { ApiError };
