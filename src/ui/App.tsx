import { lazy, Suspense, useEffect, useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { makeQueryClient } from './lib/queryClient';
import { BrowserRouter, NavLink, Route, Routes, Link } from 'react-router-dom';
import { useStoreSync } from './hooks/useStoreSync';
import { useTheme } from './theme';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Loading } from './components/Loading';
import { ConnectionBanner } from './components/ConnectionBanner';
import { useSweepClosedTabRuns } from './runs/useSweep';
import { useFollowLoop } from './hooks/useFollows';
import { useTeamOutbox } from './hooks/useTeam';

const SessionsPage = lazy(() => import('./routes/SessionsPage'));
const SessionGraphPage = lazy(() => import('./routes/SessionGraphPage'));
const ArtifactsPage = lazy(() => import('./routes/ArtifactsPage'));
const ArtifactPage = lazy(() => import('./routes/ArtifactPage'));
const SettingsPage = lazy(() => import('./routes/SettingsPage'));
const ComparePage = lazy(() => import('./routes/ComparePage'));
const NotFoundPage = lazy(() => import('./routes/NotFoundPage'));

function ThemeToggle() {
  const { resolved, toggle } = useTheme();
  const next = resolved === 'dark' ? 'light' : 'dark';
  return (
    <button type="button" className="icon-button" onClick={toggle} aria-label={`Switch to ${next} theme`} title={`Switch to ${next} theme`} data-testid="theme-toggle">
      {resolved === 'dark' ? '☀' : '☾'}
    </button>
  );
}

function Shell() {
  useStoreSync();
  useSweepClosedTabRuns();
  useFollowLoop();
  useTeamOutbox();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Threadline home">
          <img src="/favicon.svg" alt="" width={22} height={22} />
          <span>Threadline</span>
        </Link>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Sessions
          </NavLink>
          <NavLink to="/artifacts">Artifacts</NavLink>
          <NavLink to="/settings">Settings</NavLink>
        </nav>
        <div className="topbar-end">
          <ThemeToggle />
        </div>
      </header>
      <main id="main" className="main">
        <ConnectionBanner />
        <ErrorBoundary>
          <Suspense fallback={<Loading what="page" />}>
            <Routes>
              <Route path="/" element={<SessionsPage />} />
              <Route path="/s/:session" element={<SessionGraphPage />} />
              <Route path="/s/:session/n/:node" element={<SessionGraphPage />} />
              <Route path="/artifacts" element={<ArtifactsPage />} />
              <Route path="/a/:name/:version" element={<ArtifactPage />} />
              <Route path="/settings" element={<SettingsPage />} />
              <Route path="/compare/:older/:newer" element={<ComparePage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}

export function App() {
  const [client] = useState(makeQueryClient);
  useEffect(() => {
    document.documentElement.classList.add('js');
  }, []);
  return (
    <QueryClientProvider client={client}>
      <BrowserRouter>
        <Shell />
      </BrowserRouter>
    </QueryClientProvider>
  );
}
