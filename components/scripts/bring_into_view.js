// Scroll the element keyed `values.key` into view if it is not (on a phone: below the chart).
(() => {
  let tries = 0;
  const show = () => {
    const box = document.querySelector('.st-key-' + values.key);
    if (box) box.scrollIntoView({block: 'nearest', behavior: 'smooth'});
    else if (tries++ < 20) requestAnimationFrame(show);
  };
  requestAnimationFrame(show);
})();
