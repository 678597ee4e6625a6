import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/app.tsx';
import { loadInitialWorkspace } from './ui/use-workspace.ts';
import './ui/app.css';

const root = document.getElementById('root');
if (root) {
  // The editor's chunk is fetched and evaluated while the saved workspace is read, not after the first
  // render asks for it (React.lazy then finds the module loaded).
  void import('./ui/rcml-editor.tsx');
  void loadInitialWorkspace().then((initial) => {
    createRoot(root).render(
      <StrictMode>
        <App initial={initial} />
      </StrictMode>,
    );
  });
}
