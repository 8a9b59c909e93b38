import { useEffect } from 'react';
import { useFailureLab } from '../../model/failure-lab/use-failure-lab.js';
import { useInboxes } from '../../model/common/use-stores.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { FailureLabSetup } from './FailureLabSetup.js';
import { FailureLabSteps } from './FailureLabSteps.js';
import { FailureLabStreak } from './FailureLabStreak.js';
import './FailureLab.css';

/**
 * The failure lab: drive a real failure streak from the dispatch engine into one of your inboxes and
 * watch InboundFlow's rule play out — ten failures in a row disable an integration — then recover.
 */
export function FailureLabPage() {
  const { lab } = useWorkbench();
  const snapshot = useFailureLab();
  const { inboxes } = useInboxes();
  useEffect(() => void lab.load(), [lab]);

  const inbox = inboxes.find((item) => item.id === snapshot.inboxId) ?? inboxes.find((item) => item.slug !== 'default') ?? inboxes[0];
  return (
    <div className="failure-lab" data-testid="failure-lab" data-phase={snapshot.phase}>
      <div className="failure-lab__inner">
        <header className="failure-lab__header">
          <h1>Failure lab</h1>
          <p className="muted">
            InboundFlow disables an integration after 10 failed deliveries in a row. Rehearse it here: the lab points an integration at one
            of your inboxes, makes the inbox fail, and fires real events until the integration is auto-disabled — then re-enables it and
            proves that deliveries get through again.
          </p>
        </header>
        <FailureLabSetup snapshot={snapshot} inbox={inbox} />
        {snapshot.integration && inbox && <FailureLabStreak snapshot={snapshot} inbox={inbox} integration={snapshot.integration} />}
        {snapshot.steps.length > 0 && <FailureLabSteps steps={snapshot.steps} />}
      </div>
    </div>
  );
}
