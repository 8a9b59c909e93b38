import { useEffect, useState } from 'react';
import { copyText } from '../../services/common/clipboard.js';

interface CopyButtonProps {
  /**
   * The text, or a function that builds it only when clicked (a curl of a 10 MiB body is not built
   * per render); it may first fetch what it needs (a deferred body), and the button says so meanwhile.
   */
  text: string | (() => string | Promise<string>);
  label?: string;
  small?: boolean;
  title?: string;
  testId?: string;
}

export function CopyButton({ text, label = 'Copy', small = false, title, testId }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'preparing' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle' || state === 'preparing') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    const built = typeof text === 'function' ? text() : text;
    if (typeof built !== 'string') setState('preparing');
    Promise.resolve(built)
      .then(copyText)
      .then(
        () => setState('copied'),
        () => setState('failed'),
      );
  };

  return (
    <button
      type="button"
      className={`button ${small ? 'button--small' : ''} copy-button`}
      onClick={copy}
      title={title ?? label}
      data-testid={testId}
      data-copy-state={state}
    >
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
        {state === 'copied' ? (
          <path d="M2 6.5 4.8 9 10 3" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        ) : (
          <>
            <rect x="3.5" y="3.5" width="7" height="7" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.3" />
            <path
              d="M8.5 3.5V2.6c0-.6-.5-1.1-1.1-1.1H2.6c-.6 0-1.1.5-1.1 1.1v4.8c0 .6.5 1.1 1.1 1.1h.9"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.3"
            />
          </>
        )}
      </svg>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : state === 'preparing' ? 'Loading…' : label}
    </button>
  );
}
