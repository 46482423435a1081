// Light/dark theme: the reader's stored choice, else the system preference. Loaded in <head> so the theme is set
// before the first paint; the toggle is wired once the document is parsed.
(() => {
  const storageKey = 'podium-theme';
  const root = document.documentElement;

  const stored = () => {
    try { return localStorage.getItem(storageKey); } catch { return null; }
  };
  const store = (theme) => {
    try { localStorage.setItem(storageKey, theme); } catch { /* private mode: the choice lasts for this page */ }
  };
  const preferred = () =>
    stored() ?? (window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

  const apply = (theme) => {
    root.setAttribute('data-bs-theme', theme);
    for (const button of document.querySelectorAll('[data-theme-toggle]')) {
      button.setAttribute('aria-pressed', String(theme === 'dark'));
    }
  };

  apply(preferred());

  document.addEventListener('DOMContentLoaded', () => {
    apply(root.getAttribute('data-bs-theme') ?? preferred());
    for (const button of document.querySelectorAll('[data-theme-toggle]')) {
      button.addEventListener('click', () => {
        const next = root.getAttribute('data-bs-theme') === 'dark' ? 'light' : 'dark';
        store(next);
        apply(next);
      });
    }
  });
})();
