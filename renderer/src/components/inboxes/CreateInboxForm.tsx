import { useState, type FormEvent } from 'react';
import { SLUG_PATTERN } from '../../../../shared/api/inboxes.js';
import { useAction } from '../../model/common/action-runner.js';
import { useWorkbench } from '../../model/common/workbench-context.js';

/** Name (and optionally slug) of a new inbox; the engine makes the slug from the name when left empty. */
export function CreateInboxForm() {
  const { inboxes } = useWorkbench();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const { busy, error, run } = useAction();

  const slugInvalid = slug !== '' && !SLUG_PATTERN.test(slug);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || slugInvalid) return;
    void run(async () => {
      await inboxes.create({ name: name.trim(), ...(slug ? { slug } : {}) });
      setName('');
      setSlug('');
    });
  };

  return (
    <form className="create-inbox" onSubmit={submit} aria-label="New inbox">
      <input
        className="field"
        placeholder="New inbox name, e.g. Stripe staging"
        aria-label="Inbox name"
        maxLength={100}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <input
        className="field mono"
        placeholder="slug (optional)"
        aria-label="Inbox slug"
        aria-invalid={slugInvalid}
        maxLength={63}
        value={slug}
        onChange={(e) => setSlug(e.target.value.toLowerCase())}
      />
      <button type="submit" className="button button--primary" disabled={busy || !name.trim() || slugInvalid}>
        Create inbox
      </button>
      {slugInvalid && (
        <p className="error-text create-inbox__message">Slug: lowercase letters, digits and dashes, not starting or ending with a dash.</p>
      )}
      {error && (
        <p className="error-text create-inbox__message" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
