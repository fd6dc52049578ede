import './style.css';
import { replace } from './lib/dom';
import { importPage } from './pages/import';
import { conversationsPage } from './pages/conversations';
import { readerPage } from './pages/reader';
import { insightsPage } from './pages/insights';
import { exportPage } from './pages/export';

/** A page draws into `main` and returns a cleanup for when the route changes. */
export type Page = (main: HTMLElement, params: URLSearchParams) => (() => void) | void;

let cleanup: (() => void) | void;

function route(): void {
  const main = document.getElementById('main')!;
  const hash = location.hash.replace(/^#/, '') || '/conversations';
  const [path, search = ''] = hash.split('?');
  const params = new URLSearchParams(search);
  const parts = path.split('/').filter(Boolean);
  let page: Page;
  let nav = '';
  if (parts[0] === 'import') {
    page = importPage;
    nav = 'import';
  } else if (parts[0] === 'c' && parts[1]) {
    params.set('id', decodeURIComponent(parts[1]));
    page = parts[2] === 'insights' ? insightsPage : parts[2] === 'export' ? exportPage : readerPage;
  } else {
    page = conversationsPage;
    nav = 'conversations';
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    if (link.dataset.nav === nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (cleanup) cleanup();
  replace(main);
  cleanup = page(main, params);
  main.dataset.page = parts[2] ?? parts[0] ?? 'conversations';
}

window.addEventListener('hashchange', () => {
  route();
  document.getElementById('main')?.focus({ preventScroll: true });
});
route();
