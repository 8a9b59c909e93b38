import type { Body } from '../../../../shared/api/common.js';
import { bodyBytes } from '../../model/delivery/body-bytes.js';

/**
 * Saves the exact bytes as a file. Made from the bytes already shown (a blob URL), so it needs no
 * second request and works the same in the browser and in the desktop window.
 */
export function BodyDownloadButton({ body, fileName, testId }: { body: Body; fileName: string; testId: string }) {
  const download = () => {
    const url = URL.createObjectURL(new Blob([bodyBytes(body) as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    // The click has started the download; the URL is not needed after this turn.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <button
      type="button"
      className="button button--small"
      onClick={download}
      data-testid={testId}
      title={`Save the exact ${body.size.toLocaleString()} bytes as ${fileName}`}
    >
      Download
    </button>
  );
}
