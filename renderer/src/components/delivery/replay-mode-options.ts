import type { SegmentOption } from '../common/SegmentedControl.js';

/** The two ways to replay, as both replay dialogs offer them (shared/api/replays.ts ReplayMode). */
export const REPLAY_MODE_OPTIONS: SegmentOption<'exact' | 'resign'>[] = [
  { value: 'exact', label: 'Exact' },
  { value: 'resign', label: 'Re-sign' },
];
