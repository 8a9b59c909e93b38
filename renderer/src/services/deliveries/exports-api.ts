import type { ApiClient, QueryParams } from '../common/api-client.js';

/** One export file: an API path (from the route table, see routePath) and query, and the name to save it under. */
export interface ExportFile {
  path: string;
  query: QueryParams;
  filename: string;
}

/**
 * Exports of one delivery (curl, HAR, JSON) and of the filtered set (HAR, NDJSON, JSON). In a browser the
 * session cookie rides along, so a plain link lets the browser stream a large export straight to disk; the
 * desktop window authenticates with a header, which a link cannot carry, so it reads the file first.
 */
export class ExportsApi {
  constructor(private readonly client: ApiClient) {}

  curlScript(deliveryId: string): Promise<string> {
    return this.client.callText('exportDelivery', { params: { id: deliveryId }, query: { format: 'curl' } });
  }

  /** The URL to link to, or null when the page must fetch the file itself (see `download`). */
  linkFor(file: ExportFile): string | null {
    return this.client.connection.bearerToken ? null : this.client.url(file.path, file.query).toString();
  }

  async download(file: ExportFile, doc: Document = document): Promise<void> {
    const blob = await this.client.requestBlob('GET', file.path, { query: file.query });
    const href = URL.createObjectURL(blob);
    const link = doc.createElement('a');
    link.href = href;
    link.download = file.filename;
    doc.body.append(link);
    link.click();
    link.remove();
    // Revoked on the next turn: the download has taken its own reference by then.
    setTimeout(() => URL.revokeObjectURL(href), 0);
  }
}
