import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { LazyJsonCodeEditor, LazyJsonCodeView, preloadCodeViews } from '../../renderer/src/components/common/code/LazyCode.js';
import { prettyJson } from '../../renderer/src/model/delivery/json-pretty.js';

const LOADING = 'code-view--loading';

describe('lazily loaded code views', () => {
  it('show the loading placeholder while CodeMirror is not fetched yet', async () => {
    const { LazyJsonCodeView: fresh } = await freshLazyCode();
    const html = renderToString(createElement(fresh, { json: prettyJson('{"a":1}'), size: 7, label: 'Request body' }));
    expect(html).toContain(LOADING);
  });

  it('render the view itself in the first pass once preloaded, with no loading placeholder in between', async () => {
    await preloadCodeViews();
    const view = renderToString(createElement(LazyJsonCodeView, { json: prettyJson('{"a":1}'), size: 7, label: 'Request body' }));
    expect(view).toBe('<div class="code-view"></div>');
    const editor = renderToString(
      createElement(LazyJsonCodeEditor, { value: '{}', onChange: () => {}, label: 'Payload', testId: 'payload' }),
    );
    expect(editor).toContain('data-testid="payload"');
    expect(editor).not.toContain(LOADING);
  });
});

// A second copy of the module, whose CodeMirror has not been fetched.
async function freshLazyCode() {
  vi.resetModules();
  return import('../../renderer/src/components/common/code/LazyCode.js');
}
