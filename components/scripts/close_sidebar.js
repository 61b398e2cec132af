// A narrow screen's open sidebar is closed with its own button (after a page or language choice).
(() => {
  if (!window.matchMedia('(max-width: 768px)').matches) return;
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  if (!sidebar || sidebar.getAttribute('data-collapsed') !== 'false') return;
  const button = sidebar.querySelector('[data-testid="stSidebarCollapseButton"] button');
  if (button) button.click();
})();
