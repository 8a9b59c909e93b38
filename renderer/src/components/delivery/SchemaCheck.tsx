import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { StatusIcon } from '../common/StatusIcon.js';
import './SchemaCheck.css';

type Schema = NonNullable<DeliveryRecord['schema']>;

/** The body checked against the documented InboundFlow schema: a plain "matches", or each difference by field path. */
export function SchemaCheck({ schema, event }: { schema: Schema; event: string | null }) {
  const against = event ? `the documented ${event} schema` : 'the documented InboundFlow schema';
  if (schema.valid) {
    return (
      <section className="schema-check schema-check--valid" aria-label="Schema check" data-testid="schema-check" data-valid="true">
        <StatusIcon shape="check" size={14} />
        <p>Matches {against}: every documented field is present, in its documented format.</p>
      </section>
    );
  }
  const count = schema.errors.length;
  return (
    <section className="schema-check schema-check--invalid" aria-label="Schema check" data-testid="schema-check" data-valid="false">
      <div className="schema-check__head">
        <StatusIcon shape="triangle" size={14} />
        <p>{count === 0 ? `Does not match ${against}.` : `${count} ${count === 1 ? 'difference' : 'differences'} from ${against}`}</p>
      </div>
      {count > 0 && (
        <table className="schema-check__errors">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {schema.errors.map((error, index) => (
              <tr key={`${error.path}:${index}`} data-testid="schema-error" data-path={error.path}>
                <td>
                  <code>{error.path || '(the body as a whole)'}</code>
                </td>
                <td>{error.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
