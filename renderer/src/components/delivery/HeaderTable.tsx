import { useMemo } from 'react';
import type { RawHeaders } from '../../../../shared/api/common.js';
import { headerRows } from '../../model/delivery/header-list.js';
import { CopyButton } from '../common/CopyButton.js';
import './HeaderTable.css';

/** Headers exactly as recorded: arrival order, original case, repeated names marked "2 of 3". */
export function HeaderTable({ headers, testId }: { headers: RawHeaders; testId?: string }) {
  const rows = useMemo(() => headerRows(headers), [headers]);
  if (rows.length === 0) return <p className="muted">No headers.</p>;
  return (
    <table className="header-table" data-testid={testId}>
      <thead>
        <tr>
          <th className="header-table__index">#</th>
          <th>Name</th>
          <th>Value</th>
          <th>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.index} className={row.occurrences > 1 ? 'header-table__row--repeated' : undefined}>
            <td className="header-table__index">{row.index + 1}</td>
            <td className="header-table__name">
              {row.name}
              {row.occurrences > 1 && (
                <span className="header-table__repeat" title="This header name appears more than once">
                  {row.occurrence} of {row.occurrences}
                </span>
              )}
            </td>
            <td className="header-table__value">{row.value}</td>
            <td className="header-table__copy">
              <CopyButton text={`${row.name}: ${row.value}`} label="" small title={`Copy ${row.name}`} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
