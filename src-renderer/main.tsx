import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { navigate } from './app/router';
import { desktopBridge } from './client';
import './styles.css';

// The desktop menu ("Verify the books", "Backups") sends an app path; once per window, not per login.
desktopBridge()?.onNavigate(navigate);

const root = document.getElementById('root');
if (!root) throw new Error('Invariant violated: index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
