import type { RecordBody } from '../../../../shared/api/common.js';
import { bodyFileName } from '../../../../shared/body-file-name.js';
import { formatByteSize } from '../../model/common/byte-size.js';
import { useDeliveryBody } from '../../model/delivery/use-delivery-body.js';
import type { BodyPart } from '../../services/deliveries/deliveries-api.js';
import { BodyView } from './BodyView.js';
import './DeliveryBodyView.css';

interface DeliveryBodyViewProps {
  deliveryId: string;
  part: BodyPart;
  body: RecordBody;
  /** The body's Content-Type, for the download's file extension. */
  contentType: string | null;
  testId: string;
  inline?: boolean;
}

/** A record's body in the body views; a deferred one is fetched as raw bytes first, its size shown meanwhile. */
export function DeliveryBodyView({ deliveryId, part, body, contentType, testId, inline = false }: DeliveryBodyViewProps) {
  const state = useDeliveryBody(deliveryId, part, body);
  if (state.status === 'ready')
    return (
      <BodyView
        body={state.body}
        testId={testId}
        label={part === 'request' ? 'Request body' : 'Response body'}
        inline={inline}
        fileName={bodyFileName(deliveryId, part, contentType)}
      />
    );
  const what = part === 'request' ? 'body' : 'response body';
  if (state.status === 'error') {
    return (
      <div className="deferred-body deferred-body--error" role="alert" data-testid={testId} data-mode="error">
        <p>
          Could not load the {what} ({formatByteSize(state.size)}): {state.message}
        </p>
        <button type="button" className="button button--small" onClick={state.retry}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <div className="deferred-body" role="status" aria-busy="true" data-testid={testId} data-mode="loading">
      <span className="deferred-body__spinner" aria-hidden="true" />
      <p>
        Loading the {what} ({formatByteSize(state.size)}, {state.size.toLocaleString()} bytes)…
      </p>
    </div>
  );
}
