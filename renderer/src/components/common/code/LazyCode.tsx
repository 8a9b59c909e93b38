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

/** The module once loaded (at once when it already is); null while it loads. */
function useModule<M>(loaded: () => M | null, load: () => Promise<M>): M | null {
  const [module, setModule] = useState(loaded);
  useEffect(() => {
    if (module) return;
    let current = true;
    load().then(
      (value) => current && setModule(() => value),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [module, load]);
  return module;
}

function Loading({ editor = false }: { editor?: boolean }) {
  return (
    <div className={`code-view code-view--loading ${editor ? 'code-view--editor' : ''}`} role="status">
      Loading the {editor ? 'editor' : 'viewer'}…
    </div>
  );
}

/** JsonCodeView, loaded on first use. */
export function LazyJsonCodeView(props: ComponentProps<typeof ViewModule.JsonCodeView>) {
  const module = useModule(() => viewModule, loadView);
  return module ? <module.JsonCodeView {...props} /> : <Loading />;
}

/** JsonCodeEditor, loaded on first use. */
export function LazyJsonCodeEditor(props: ComponentProps<typeof EditorModule.JsonCodeEditor>) {
  const module = useModule(() => editorModule, loadEditor);
  return module ? <module.JsonCodeEditor {...props} /> : <Loading editor />;
}
