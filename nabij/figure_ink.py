"""The few figure colours that must change with the app's light or dark theme.

Text in a figure mostly takes the theme's own colour: st.plotly_chart(theme="streamlit")
gives every figure the theme's font and background, so the figures leave those unset. What
Streamlit cannot adapt is a colour a figure paints itself: a box behind text, a strong frame
or arrow, a shaded strip. Those come from here, one set per theme, each with at least 3:1
contrast on its background (4.5:1 for text), as WCAG 2.2 asks of graphics and text.

`theme` is "light" or "dark", as `st.context.theme.type` tells the page; None (a file
export, a test) means light.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FigureInk:
    text: str    # text inside a `paper` box (15:1 and more)
    paper: str   # a box behind text that lies over lines: the page's own background
    frame: str   # frames, arrows and lines that carry meaning (over 6:1 on the background)
    shade: str   # a filled strip that must stand out from the background


LIGHT = FigureInk(text="#222222", paper="#FFFFFF", frame="#444444",
                  shade="rgba(60, 60, 60, 0.55)")
# The dark theme's background is Streamlit's #171614; the same roles in light ink.
DARK = FigureInk(text="#EEEEEE", paper="#171614", frame="#BBBBBB",
                 shade="rgba(225, 225, 225, 0.55)")
# A line or mark that reads on both backgrounds without knowing the theme: over 4:1 on white
# and on the dark theme's #171614.
NEUTRAL_GREY = "#7A7A7A"


def figure_ink(theme: str | None) -> FigureInk:
    """The colours for a figure shown in `theme` ("light", "dark" or None for light)."""
    return DARK if theme == "dark" else LIGHT
