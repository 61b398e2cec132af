"""Two small scripts for the chart on a phone: one tap selects a point, and the moment it
selected comes into view.

Plotly selects the point it hovers. A mouse hovers before it clicks, a finger does not: the
first tap only showed the tooltip and a second tap selected. Here a touch on the chart first
tells Plotly where the finger is (a mouse move at the same place), so the tap selects at once.
Both scripts hold no user text: only fixed selectors and, for the scroll, a number.
"""

from __future__ import annotations

import streamlit as st

_HOVER_ON_TOUCH = """<script>
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
</script>"""

_INTO_VIEW = """<script>
/* selection {token} */
(() => {{
  let tries = 0;
  const show = () => {{
    const box = document.querySelector('.st-key-{key}');
    if (box) box.scrollIntoView({{block: 'nearest', behavior: 'smooth'}});
    else if (tries++ < 20) requestAnimationFrame(show);
  }};
  requestAnimationFrame(show);
}})();
</script>"""


def select_on_first_tap() -> None:
    st.html(_HOVER_ON_TOUCH, unsafe_allow_javascript=True)


def bring_into_view(key: str, token: int) -> None:
    """Scroll the element keyed `key` into view if it is not (a phone: below the chart).

    `token` names the selection: a new one gives new script text, which runs again.
    """
    if not key.replace("_", "").isalnum():
        raise ValueError(f"not a widget key: {key!r}")
    st.html(_INTO_VIEW.format(key=key, token=int(token)), unsafe_allow_javascript=True)
