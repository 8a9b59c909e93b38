import { useEffect, useEffectEvent } from 'react';

interface InboxKeyActions {
  onMove: (delta: number) => void;
  onOpen: () => void;
  onClose: () => void;
  onSearch: () => void;
  /** `x` picks or unpicks the cursor row; with Shift, the rows from the last one picked to it. */
  onSelect: (extend: boolean) => void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  // A focused row checkbox takes no text: the list keys go on working from it.
  if (target instanceof HTMLInputElement && target.type === 'checkbox') return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** j/k or arrows move, Enter opens, Escape closes, `/` jumps to search, `x` selects; ignored while typing in a field. */
export function useInboxKeys(actions: InboxKeyActions): void {
  // An Effect Event sees the latest actions, so the listener is added once and not on every render.
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (isTyping(event.target)) {
      if (event.key === 'Escape' && event.target instanceof HTMLElement) event.target.blur();
      return;
    }
    const { onMove, onOpen, onClose, onSearch, onSelect } = actions;
    switch (event.key) {
      case 'j':
      case 'ArrowDown':
        onMove(1);
        break;
      case 'k':
      case 'ArrowUp':
        onMove(-1);
        break;
      case 'Enter':
        // Let buttons and tabs keep their own Enter.
        if (event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement) return;
        onOpen();
        break;
      case 'Escape':
        onClose();
        break;
      case '/':
        onSearch();
        break;
      case 'x':
      case 'X':
        onSelect(event.shiftKey);
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
}
