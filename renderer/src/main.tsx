import { createRoot } from 'react-dom/client';
import { App } from './components/shell/App.js';
import { SessionStore } from './model/common/session-store.js';
import { createWorkbench } from './model/common/workbench.js';
import { resolveApiConnection } from './services/common/api-connection.js';
import './theme.css';

const workbench = createWorkbench(resolveApiConnection());
// Started once, outside React, so the one-time token exchange never runs twice.
const session = new SessionStore(workbench.client, window);
session.start();

createRoot(document.getElementById('root')!).render(<App workbench={workbench} session={session} />);
