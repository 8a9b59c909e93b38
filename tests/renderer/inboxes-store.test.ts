import { describe, expect, it } from 'vitest';
import type { Inbox } from '../../shared/api/inboxes.js';
import type { FrameScheduler } from '../../renderer/src/model/common/frame-batch-queue.js';
import { InboxesStore, type InboxSource } from '../../renderer/src/model/inboxes/inboxes-store.js';

function inbox(id: string, count = 0): Inbox {
  return {
    id,
    name: id,
    slug: id,
    secret: null,
    previous_secret: null,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    urls: { http: `http://127.0.0.1:4610/i/${id}/`, https: `https://127.0.0.1:4611/i/${id}/`, tunnel: null },
    delivery_count: count,
    forward_to: null,
    forward_timeout_ms: 9_000,
    response: null,
    failure: null,
  };
}

const source = (items: Inbox[]): InboxSource => ({
  listInboxes: () => Promise.resolve(items),
  createInbox: (body) => Promise.resolve(inbox(body.slug ?? body.name)),
  updateInbox: (id, patch) => Promise.resolve({ ...inbox(id), name: patch.name ?? id }),
  deleteInbox: () => Promise.resolve(),
});

function manualFrames(): FrameScheduler & { flush(): void } {
  let callbacks: (() => void)[] = [];
  return {
    request: (callback) => void callbacks.push(callback),
    flush() {
      const run = callbacks;
      callbacks = [];
      run.forEach((cb) => cb());
    },
  };
}

describe('InboxesStore', () => {
  it('counts live arrivals and deletions per inbox in one update per frame', async () => {
    const frames = manualFrames();
    const store = new InboxesStore(source([inbox('default', 3), inbox('stripe')]), frames);
    await store.load();
    let notifications = 0;
    store.subscribe(() => (notifications += 1));
    for (let i = 0; i < 500; i += 1) store.countDelivery('stripe', 1);
    store.countDelivery('default', -1);
    frames.flush();
    expect(notifications).toBe(1);
    expect(store.getSnapshot().inboxes.map((i) => i.delivery_count)).toEqual([2, 500]);
  });

  it('counts duplicates apart: an arrival marked duplicate adds to both counts, its deletion takes from both', async () => {
    const frames = manualFrames();
    const store = new InboxesStore(source([{ ...inbox('default', 2), duplicate_count: 1 }]), frames);
    await store.load();
    store.countDelivery('default', 1, true);
    store.countDelivery('default', 1);
    store.countDelivery('default', -1, true);
    store.countDelivery('default', 1, true);
    frames.flush();
    expect(store.getSnapshot().inboxes[0]).toMatchObject({ delivery_count: 4, duplicate_count: 2 });
  });

  it('applies created, renamed and deleted inboxes from the live feed and from its own edits', async () => {
    const store = new InboxesStore(source([inbox('default')]), manualFrames());
    await store.load();
    store.receive({ type: 'inbox.created', inbox: inbox('github') });
    await store.rename('github', 'GitHub');
    await store.create({ name: 'x', slug: 'shop' });
    store.receive({ type: 'inbox.deleted', id: 'default' });
    expect(store.getSnapshot().inboxes.map((i) => i.name)).toEqual(['GitHub', 'shop']);
  });

  it('sets a secret as a rotation, replaces a mis-pasted one outright, and ends a rotation', async () => {
    const patches: unknown[] = [];
    const store = new InboxesStore(
      {
        ...source([inbox('default')]),
        updateInbox: (id, patch) => {
          patches.push(patch);
          return Promise.resolve({ ...inbox(id), secret: patch.secret ?? null, previous_secret: null });
        },
      },
      manualFrames(),
    );
    await store.load();
    await store.setSecret('default', 'whsec_new');
    await store.setSecret('default', 'whsec_clean', { replaceMistake: true });
    await store.endRotation('default');
    expect(patches).toEqual([{ secret: 'whsec_new' }, { secret: 'whsec_clean', previous_secret: null }, { previous_secret: null }]);
    expect(store.byId('default')!.secret).toBeNull();
  });
});
