import type { Integration } from '../../../../shared/api/integrations.js';
import { StatusIcon } from '../common/StatusIcon.js';
import './UrlWarnings.css';

/** The engine's warnings for a URL that does not look like the chosen service's; saved regardless. */
export function UrlWarnings({ warnings }: { warnings: Integration['warnings'] }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="url-warnings" data-testid="url-warnings">
      {warnings.map((warning) => (
        <li key={warning.code} data-code={warning.code}>
          <StatusIcon shape="triangle" size={12} />
          <span>{warning.message}</span>
        </li>
      ))}
    </ul>
  );
}
