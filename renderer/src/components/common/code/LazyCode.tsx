import { lazy, Suspense, type ComponentProps } from 'react';

// CodeMirror is a few hundred kB: it loads with the first body or editor shown, not with the app.
const JsonCodeView = lazy(() => import('./JsonCodeView.js').then((module) => ({ default: module.JsonCodeView })));
const JsonCodeEditor = lazy(() => import('./JsonCodeEditor.js').then((module) => ({ default: module.JsonCodeEditor })));

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
