import { useState } from 'react';
import type { SchemeName } from '../../../../shared/api/signatures.js';
import type { CustomSchemeConfig } from '../../../../shared/signatures/custom-config.js';
import { verifySnippets, type SnippetLanguage } from '../../../../shared/signatures/snippets/index.js';
import { schemeLabel } from '../../model/signatures/signature-diagnosis.js';
import { CopyButton } from '../common/CopyButton.js';
import { SegmentedControl } from '../common/SegmentedControl.js';
import './VerifySnippets.css';

const LANGUAGES: { value: SnippetLanguage; label: string }[] = [
  { value: 'node', label: 'Node.js' },
  { value: 'python', label: 'Python' },
];

/** Verification code for the delivery's scheme, with the sender's own library where one exists, to copy. */
export function SchemeSnippets({ scheme, custom }: { scheme: Exclude<SchemeName, 'inboundflow'>; custom: CustomSchemeConfig | null }) {
  const [language, setLanguage] = useState<SnippetLanguage>('node');
  if (scheme === 'custom' && !custom) return null;
  const snippets = scheme === 'custom' ? verifySnippets('custom', custom!) : verifySnippets(scheme);
  const snippet = snippets[language];
  return (
    <section className="verify-snippets" aria-label="Verify in your handler">
      <div className="tab-toolbar">
        <h3 className="detail-section-title verify-snippets__title">Verify {schemeLabel(scheme)} signatures in your handler</h3>
        <SegmentedControl<SnippetLanguage> label="Language" value={language} options={LANGUAGES} onChange={setLanguage} />
        <CopyButton text={snippet.code} small label="Copy code" testId="copy-verify-snippet" />
      </div>
      <p className="verify-snippets__facts">
        {snippet.runtime} · the raw body bytes · secret from <code>{snippets.secretEnv}</code>
        {snippets.publicUrlEnv && (
          <>
            {' '}
            · public URL from <code>{snippets.publicUrlEnv}</code>
          </>
        )}
      </p>
      <pre className="verify-snippets__code" data-testid="verify-snippet" data-language={language} data-scheme={scheme} tabIndex={0}>
        {snippet.code}
      </pre>
    </section>
  );
}
