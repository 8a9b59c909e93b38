import { useEffect, useState } from 'react';
import type { NextResponse } from '../../../../shared/api/responses.js';
import { useWorkbench } from '../common/workbench-context.js';

export type NextResponseState = { status: 'loading' } | { status: 'ready'; next: NextResponse } | { status: 'error'; message: string };

/**
 * What the inbox will answer its next request, read again whenever a delivery arrives in it (a
 * rule's count moves on) or the inbox is saved (its rule starts over).
 */
export function useNextResponse(inboxId: string): NextResponseState {
  const { responses, feed } = useWorkbench();
  const [state, setState] = useState<NextResponseState>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    let generation = 0;
    const read = () => {
      const mine = ++generation;
      responses.nextResponse(inboxId).then(
        (next) => current && mine === generation && setState({ status: 'ready', next }),
        (error: unknown) =>
          current && mine === generation && setState({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
    };
    read();
    const stopFeed = feed.subscribe((message) => {
      if (message.type === 'delivery.created' && message.delivery.inbox_id === inboxId && message.delivery.direction === 'in') read();
      if (message.type === 'inbox.updated' && message.inbox.id === inboxId) read();
    });
    const stopResume = feed.onResumed(read);
    return () => {
      current = false;
      stopFeed();
      stopResume();
    };
  }, [inboxId, responses, feed]);

  return state;
}
