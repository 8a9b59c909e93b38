import { lazy, Suspense, type ComponentProps } from 'react';

// CodeMirror is a few hundred kB: it stays out of the app's first load, and is fetched once the page is idle.
const loadView = () => import('./JsonCodeView.js');
const loadEditor = () => import('./JsonCodeEditor.js');
const JsonCodeView = lazy(() => loadView().then((module) => ({ default: module.JsonCodeView })));
const JsonCodeEditor = lazy(() => loadEditor().then((module) => ({ default: module.JsonCodeEditor })));

/** Fetches CodeMirror ahead of the first body shown, so opening one does not wait for it. */
export function preloadCodeViews(): void {
  void loadView().catch(() => {});
  void loadEditor().catch(() => {});
}

function Loading({ editor = false }: { editor?: boolean }) {
  return (
    <div className={`code-view code-view--loading ${editor ? 'code-view--editor' : ''}`} role="status">
      Loading the {editor ? 'editor' : 'viewer'}…
    </div>
  );
}

/** JsonCodeView, loaded on first use. */
export function LazyJsonCodeView(props: ComponentProps<typeof JsonCodeView>) {
  return (
    <Suspense fallback={<Loading />}>
      <JsonCodeView {...props} />
    </Suspense>
  );
}

/** JsonCodeEditor, loaded on first use. */
export function LazyJsonCodeEditor(props: ComponentProps<typeof JsonCodeEditor>) {
  return (
    <Suspense fallback={<Loading editor />}>
      <JsonCodeEditor {...props} />
    </Suspense>
  );
}
