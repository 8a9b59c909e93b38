import { useEffect, useState, type ComponentProps } from 'react';
import type * as ViewModule from './JsonCodeView.js';
import type * as EditorModule from './JsonCodeEditor.js';

// CodeMirror is a few hundred kB: it stays out of the app's first load, and is fetched once the page is idle.
// Not React.lazy: once fetched it renders in the same pass, without Suspense holding the content back.
let viewModule: typeof ViewModule | null = null;
let editorModule: typeof EditorModule | null = null;
const loadView = () => import('./JsonCodeView.js').then((module) => (viewModule = module));
const loadEditor = () => import('./JsonCodeEditor.js').then((module) => (editorModule = module));

/** Fetches CodeMirror ahead of the first body shown, so opening one does not wait for it; settles once both are in (a failed fetch is tried again on use). */
export function preloadCodeViews(): Promise<void> {
  return Promise.allSettled([loadView(), loadEditor()]).then(() => undefined);
}

/** The module once loaded (at once when it already is); null while it loads, or `failed` when its fetch failed. */
function useModule<M>(loaded: () => M | null, load: () => Promise<M>): M | null | 'failed' {
  const [module, setModule] = useState<M | null | 'failed'>(loaded);
  useEffect(() => {
    if (module) return;
    let current = true;
    load().then(
      (value) => current && setModule(() => value),
      () => current && setModule('failed'),
    );
    return () => {
      current = false;
    };
  }, [module, load]);
  return module;
}

function Loading({ editor = false, failed = false }: { editor?: boolean; failed?: boolean }) {
  const what = editor ? 'editor' : 'viewer';
  return (
    <div className={`code-view code-view--loading ${editor ? 'code-view--editor' : ''}`} role="status">
      {failed ? (
        <>
          {/* The browser keeps a failed module fetch, so only a reload tries again (typically the engine was rebuilt or stopped). */}
          The {what} could not be loaded from the engine.{' '}
          <button type="button" className="button button--small" onClick={() => location.reload()}>
            Reload the page
          </button>
        </>
      ) : (
        <>Loading the {what}…</>
      )}
    </div>
  );
}

/** JsonCodeView, loaded on first use. */
export function LazyJsonCodeView(props: ComponentProps<typeof ViewModule.JsonCodeView>) {
  const module = useModule(() => viewModule, loadView);
  return module && module !== 'failed' ? <module.JsonCodeView {...props} /> : <Loading failed={module === 'failed'} />;
}

/** JsonCodeEditor, loaded on first use. */
export function LazyJsonCodeEditor(props: ComponentProps<typeof EditorModule.JsonCodeEditor>) {
  const module = useModule(() => editorModule, loadEditor);
  return module && module !== 'failed' ? <module.JsonCodeEditor {...props} /> : <Loading editor failed={module === 'failed'} />;
}
