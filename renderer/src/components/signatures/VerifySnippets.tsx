import { useState } from 'react';
import { TOLERANCE_SECONDS, VERIFY_SNIPPETS, verifySnippet, type SnippetLanguage } from '../../model/signatures/verify-snippets.js';
import { CopyButton } from '../common/CopyButton.js';
import './VerifySnippets.css';

/** Handler code that verifies InboundFlow signatures correctly, per language, to copy. */
export function VerifySnippets() {
  const [language, setLanguage] = useState<SnippetLanguage>('node');
  const snippet = verifySnippet(language);
  return (
    <section className="verify-snippets" aria-label="Verify in your handler">
      <div className="tab-toolbar">
        <h3 className="detail-section-title verify-snippets__title">Verify it in your handler</h3>
        <div className="segmented" role="radiogroup" aria-label="Language">
          {VERIFY_SNIPPETS.map((candidate) => (
            <button
              key={candidate.language}
              type="button"
              role="radio"
              aria-checked={language === candidate.language}
              className={`segmented__option ${language === candidate.language ? 'segmented__option--active' : ''}`}
              onClick={() => setLanguage(candidate.language)}
            >
              {candidate.label}
            </button>
          ))}
        </div>
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
