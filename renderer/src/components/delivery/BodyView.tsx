import { useMemo, useState } from 'react';
import type { Body } from '../../../../shared/api/common.js';
import { bodyBytes, bodyText, isEmptyBody } from '../../model/delivery/body-bytes.js';
import { defaultBodyMode, jsonProblem, type BodyViewMode } from '../../model/delivery/body-view-mode.js';
import { formatByteSize } from '../../model/common/byte-size.js';
import { hexDumpText } from '../../model/delivery/hex-dump.js';
import { prettyJson } from '../../model/delivery/json-pretty.js';
import { LazyJsonCodeView } from '../common/code/LazyCode.js';
import { CopyButton } from '../common/CopyButton.js';
import { SegmentedControl } from '../common/SegmentedControl.js';
import { BodyDownloadButton } from './BodyDownloadButton.js';
import { HexView } from './HexView.js';
import { RawText } from './RawText.js';
import './BodyView.css';

const MODE_LABELS: Record<BodyViewMode, string> = { json: 'JSON', raw: 'Raw', hex: 'Hex' };

/** A body three ways: JSON (pretty, coloured, foldable, searchable), raw text, hex. Everything renders as text nodes. */
interface BodyViewProps {
  body: Body;
  testId: string;
  /** What a screen reader calls the text, e.g. "Request body". */
  label?: string;
  inline?: boolean;
  fileName?: string;
}

export function BodyView({ body, testId, label = 'Body', inline = false, fileName }: BodyViewProps) {
  const [mode, setMode] = useState<BodyViewMode>(() => defaultBodyMode(body));
  const text = useMemo(() => (mode === 'raw' ? bodyText(body) : ''), [body, mode]);
  const bytes = useMemo(() => (mode === 'hex' ? bodyBytes(body) : null), [body, mode]);
  // Only whitespace outside strings changes, so every literal reads exactly as sent.
  const json = useMemo(() => (mode === 'json' ? prettyJson(bodyText(body)) : null), [body, mode]);
  const problem = useMemo(() => (mode === 'json' ? jsonProblem(bodyText(body)) : null), [body, mode]);

  if (isEmptyBody(body)) {
    return (
      <p className="muted" data-testid={testId} data-mode="empty">
        No body.
      </p>
    );
  }

  const modes: BodyViewMode[] = body.encoding === 'utf8' ? ['json', 'raw', 'hex'] : ['hex', 'raw'];
  return (
    <div className={`body-view ${inline ? 'body-view--inline' : ''}`}>
      <div className="tab-toolbar">
        <SegmentedControl<BodyViewMode>
          label="Body view"
          value={mode}
          options={modes.map((candidate) => ({ value: candidate, label: MODE_LABELS[candidate] }))}
          onChange={setMode}
        />
        <span className="muted">
          {formatByteSize(body.size)} · {body.encoding === 'utf8' ? 'UTF-8 text' : 'binary'}
        </span>
        {fileName && <BodyDownloadButton body={body} fileName={fileName} testId={`${testId}-download`} />}
        {body.encoding === 'utf8' ? (
          <CopyButton text={body.data} label="Copy body" small testId={`${testId}-copy`} />
        ) : (
          <>
            <CopyButton text={body.data} label="Copy base64" small testId={`${testId}-copy`} />
            <CopyButton text={() => hexDumpText(bodyBytes(body))} label="Copy hex" small />
          </>
        )}
      </div>
      {problem && (
        <p className="body-view__notice" role="note">
          Not valid JSON: {problem}. Shown line-broken anyway; the Raw view shows it exactly as sent.
        </p>
      )}
      <div
        className={`body-view__content body-view__content--${mode}`}
        data-testid={testId}
        data-mode={mode}
        data-lines={json?.lines.length}
      >
        {json && <LazyJsonCodeView json={json} size={body.size} label={label} />}
        {mode === 'raw' && <RawText text={text} />}
        {mode === 'hex' && bytes && <HexView bytes={bytes} />}
      </div>
    </div>
  );
}
