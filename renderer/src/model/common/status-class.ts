import type { z } from 'zod';
import type { StatusClass as StatusClassSchema } from '../../../../shared/api/deliveries.js';

export type StatusClass = z.infer<typeof StatusClassSchema>;

/** A shape drawn next to the status so the class reads without relying on colour. */
export type StatusShape = 'dot' | 'check' | 'arrow' | 'triangle' | 'cross' | 'ring';

export interface StatusCue {
  statusClass: StatusClass;
  label: string;
  shape: StatusShape;
}

export const STATUS_CLASSES: readonly StatusClass[] = ['1xx', '2xx', '3xx', '4xx', '5xx', 'none'];

const CUES: Record<StatusClass, Omit<StatusCue, 'statusClass'>> = {
  '1xx': { label: 'Informational', shape: 'dot' },
  '2xx': { label: 'Success', shape: 'check' },
  '3xx': { label: 'Redirect', shape: 'arrow' },
  '4xx': { label: 'Client error', shape: 'triangle' },
  '5xx': { label: 'Server error', shape: 'cross' },
  none: { label: 'No response', shape: 'ring' },
};

export function statusClassOf(status: number | null | undefined): StatusClass {
  if (status == null || !Number.isFinite(status) || status < 100 || status > 599) return 'none';
  return `${Math.floor(status / 100)}xx` as StatusClass;
}

export function statusCue(status: number | null | undefined): StatusCue {
  const statusClass = statusClassOf(status);
  return { statusClass, ...CUES[statusClass] };
}

export function statusClassLabel(statusClass: StatusClass): string {
  return statusClass === 'none' ? CUES.none.label : `${statusClass} ${CUES[statusClass].label.toLowerCase()}`;
}
