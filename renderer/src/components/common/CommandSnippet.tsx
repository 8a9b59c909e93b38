import { CopyButton } from './CopyButton.js';
import './CommandSnippet.css';

/** A shell command in a box with a copy button; shown as text, wrapped, never executed. */
export function CommandSnippet({ command, testId }: { command: string; testId?: string }) {
  return (
    <div className="command-snippet">
      <pre data-testid={testId}>
        <span className="command-snippet__prompt" aria-hidden="true">
          ${' '}
        </span>
        {command}
      </pre>
      <CopyButton text={command} small title="Copy the command" />
    </div>
  );
}
