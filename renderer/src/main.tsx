import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import './styles/theme.css';
import './styles/app.css';
import { i18n, currentLocale } from './i18n/index.js';
import { browserEnv, selectTransport, takeSecret } from './api/transport.js';
import { setTransport } from './api/client.js';
import { useApp } from './stores/app.js';
import { useSession } from './stores/session.js';
import { App } from './app/App.js';
import { DisplayApp, isDisplayPath } from './features/display/display-entry.js';
import { HeadOfficeApp, useBranch } from './head-office/HeadOfficeApp.js';
import { headOfficeTransport } from './head-office/transport.js';

document.documentElement.lang = currentLocale();

// Served by the shop server under /hq/: head office's report pages (renderer/src/head-office/).
const headOffice = !window.posBridge && window.location.pathname.startsWith('/hq/');
if (headOffice) setTransport(headOfficeTransport(() => useBranch.getState().branch));
else {
  // Pick the transport before the first call: Electron's bridge, or the browser host with the
  // secret from the printed link (read from the fragment, then removed from the address bar).
  const transport = selectTransport(
    browserEnv(() => {
      useSession.getState().clear();
      useApp.getState().setTransportProblem('expired');
    }),
  );
  setTransport(transport);
  if (!transport) useApp.getState().setTransportProblem('missing');

  // Pasting the printed link into a tab that is already open changes only the fragment (no
  // page load): take the new secret and start afresh with it.
  window.addEventListener('hashchange', () => {
    if (!/[#&]k=./.test(window.location.hash)) return;
    takeSecret(browserEnv());
    window.location.reload();
  });
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      {/* The customer display (副屏) is the same build at /display: no sign-in, read-only; head office's report pages at /hq/. */}
      {isDisplayPath(window.location.pathname) ? <DisplayApp /> : headOffice ? <HeadOfficeApp /> : <App />}
    </I18nextProvider>
  </StrictMode>,
);
