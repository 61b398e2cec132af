// Plotly selects the point it hovers. A mouse hovers before it clicks, a finger does not: the
// first tap only showed the tooltip and a second tap selected. A touch on the chart first tells
// Plotly where the finger is (a mouse move at the same place), so the tap selects at once.
(() => {
  if (window.__nabijHoverOnTouch) return;
  window.__nabijHoverOnTouch = true;
  document.addEventListener('touchstart', (event) => {
    const target = event.target;
    if (event.touches.length !== 1 || !target.closest
        || !target.closest('.st-key-cycle_chart .js-plotly-plot')) return;
    const touch = event.touches[0];
    target.dispatchEvent(new MouseEvent('mousemove', {
      clientX: touch.clientX, clientY: touch.clientY, bubbles: true, cancelable: true,
      view: window}));
  }, {capture: true, passive: true});
})();
