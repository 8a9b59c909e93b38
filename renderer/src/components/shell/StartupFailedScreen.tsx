import { BrandMark } from './BrandMark.js';

export function StartupFailedScreen({ message }: { message: string }) {
  return (
    <main className="app-notice" role="alert">
      <div className="app-notice__card">
        <BrandMark size={32} />
        <h1>Hookbench could not start</h1>
        <p>{message}</p>
        <p>Reload the page once the engine is running again.</p>
      </div>
    </main>
  );
}
