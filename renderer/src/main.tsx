import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { SessionStore } from './model/session-store.js';
import { createWorkbench } from './model/workbench.js';
import { resolveApiConnection } from './services/api-connection.js';
import './theme.css';

const workbench = createWorkbench(resolveApiConnection());
// Started once, outside React, so the one-time token exchange never runs twice.
const session = new SessionStore(workbench.client, window);
session.start();

createRoot(document.getElementById('root')!).render(<App workbench={workbench} session={session} />);
