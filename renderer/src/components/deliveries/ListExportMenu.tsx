import { LIST_EXPORT_FORMATS, listExportFile } from '../../model/deliveries/delivery-exports.js';
import { useDeliveryList } from '../../model/common/use-stores.js';
import { ExportFileLink } from '../common/ExportFileLink.js';
import { ExportMenuShell } from '../common/ExportMenuShell.js';

/** The filtered list as one file; the engine streams it record by record, so a large export starts at once. */
export function ListExportMenu() {
  const { filters } = useDeliveryList();
  return (
    <ExportMenuShell testId="list-export-menu" label="Export the list" alignLeft>
      {LIST_EXPORT_FORMATS.map(({ format, label, hint }) => (
        <ExportFileLink key={format} file={listExportFile(filters, format)} className="export-menu__item" testId={`list-export-${format}`}>
          <span>{label}</span>
          <small>{hint}</small>
        </ExportFileLink>
      ))}
      <p className="export-menu__note">
        Every delivery matching the filters, oldest first. Streamed as the engine reads it: a large export starts downloading at once.
      </p>
    </ExportMenuShell>
  );
}
