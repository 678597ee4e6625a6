import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/app.tsx';
import { loadInitialWorkspace } from './ui/use-workspace.ts';
import './ui/app.css';

const root = document.getElementById('root');
if (root) {
  void loadInitialWorkspace().then((initial) => {
    createRoot(root).render(
      <StrictMode>
        <App initial={initial} />
      </StrictMode>,
    );
  });
}
