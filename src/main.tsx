// First: the theme module puts the resolved theme on <html> and starts following the OS setting
// before React renders (public/theme-init.js has already set it before the first paint).
import './ui/theme';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { isFramed, renderFramedNotice } from './ui/frame-guard';
import './ui/styles.css';

const root = document.getElementById('root')!;
if (isFramed()) {
  renderFramedNotice(root);
} else {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
