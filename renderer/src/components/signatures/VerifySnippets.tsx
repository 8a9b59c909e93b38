import { useState } from 'react';
import { TOLERANCE_SECONDS, VERIFY_SNIPPETS, verifySnippet, type SnippetLanguage } from '../../model/signatures/verify-snippets.js';
import { CopyButton } from '../common/CopyButton.js';
import { SegmentedControl } from '../common/SegmentedControl.js';
import './VerifySnippets.css';

/** Handler code that verifies InboundFlow signatures correctly, per language, to copy. */
export function VerifySnippets() {
  const [language, setLanguage] = useState<SnippetLanguage>('node');
  const snippet = verifySnippet(language);
  return (
    <section className="verify-snippets" aria-label="Verify in your handler">
      <div className="tab-toolbar">
        <h3 className="detail-section-title verify-snippets__title">Verify it in your handler</h3>
        <SegmentedControl<SnippetLanguage>
          label="Language"
          value={language}
          options={VERIFY_SNIPPETS.map((candidate) => ({ value: candidate.language, label: candidate.label }))}
          onChange={setLanguage}
        />
        <CopyButton text={snippet.code} small label="Copy code" testId="copy-verify-snippet" />
      </div>
      <p className="verify-snippets__facts">
        {snippet.runtime} · HMAC over the raw body bytes · constant-time compare · {TOLERANCE_SECONDS} s timestamp tolerance
      </p>
      <pre className="verify-snippets__code" data-testid="verify-snippet" data-language={language} tabIndex={0}>
        {snippet.code}
      </pre>
    </section>
  );
}
