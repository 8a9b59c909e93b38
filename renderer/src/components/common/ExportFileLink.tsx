import { useState, type ReactNode } from 'react';
import { useWorkbench } from '../../model/common/workbench-context.js';
import type { ExportFile } from '../../services/deliveries/exports-api.js';

/**
 * A download of an export. In a browser it is a plain link, so the browser streams the file to disk as
 * the engine writes it; the desktop window, whose API token a link cannot carry, reads it and saves it.
 */
export function ExportFileLink({
  file,
  className,
  testId,
  children,
}: {
  file: ExportFile;
  className: string;
  testId?: string;
  children: ReactNode;
}) {
  const { exports } = useWorkbench();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const href = exports.linkFor(file);
  if (href) {
    return (
      <a className={className} href={href} download={file.filename} data-testid={testId}>
        {children}
      </a>
    );
  }
  const save = () => {
    setState({ busy: true, error: null });
    exports.download(file).then(
      () => setState({ busy: false, error: null }),
      (error: unknown) => setState({ busy: false, error: error instanceof Error ? error.message : String(error) }),
    );
  };
  return (
    <button type="button" className={className} onClick={save} disabled={state.busy} data-testid={testId} title={state.error ?? undefined}>
      {children}
      {state.error && <span className="error-text"> — failed</span>}
    </button>
  );
}
