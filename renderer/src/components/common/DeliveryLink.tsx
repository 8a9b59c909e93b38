import type { ReactNode } from 'react';
import { useNavigation } from '../../model/common/navigation-context.js';
import './DeliveryLink.css';

/** Opens a delivery in the Deliveries view, from wherever it is mentioned. */
export function DeliveryLink({
  id,
  testId,
  children,
  onOpened,
}: {
  id: string;
  testId?: string;
  children?: ReactNode;
  onOpened?: () => void;
}) {
  const { openDelivery } = useNavigation();
  return (
    <button
      type="button"
      className="delivery-link"
      data-testid={testId}
      data-delivery-id={id}
      onClick={() => {
        openDelivery(id);
        onOpened?.();
      }}
    >
      {children ?? <span className="mono">{id}</span>}
    </button>
  );
}
