import type { DeliveryList, InlineDeliveryRecord } from '../../../shared/api/deliveries.js';
import type { RunningEngine } from './engine.js';

/** Reads the control API with the bearer token, as a script would. */
export async function apiGet<T>(engine: RunningEngine, path: string): Promise<T> {
  const response = await fetch(`${engine.apiOrigin}${path}`, { headers: { Authorization: `Bearer ${engine.token}` } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** The record without inline_limit: both bodies inline. */
export function getDelivery(engine: RunningEngine, id: string): Promise<InlineDeliveryRecord> {
  return apiGet<InlineDeliveryRecord>(engine, `/api/deliveries/${id}`);
}

export function listDeliveries(engine: RunningEngine, query = ''): Promise<DeliveryList> {
  return apiGet<DeliveryList>(engine, `/api/deliveries${query}`);
}

export async function apiPost<T>(engine: RunningEngine, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${engine.apiOrigin}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${engine.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Any control API call, answering status and JSON without throwing, to compare the engine's own errors with the UI's. */
export async function apiCall<T = unknown>(
  engine: RunningEngine,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const response = await fetch(`${engine.apiOrigin}${path}`, {
    method,
    headers: { Authorization: `Bearer ${engine.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as T };
}
