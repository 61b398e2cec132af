"""Draw Nabij's home-screen icons (data/shell/icon-*.png) with Pillow; run once after a change.

Two halves of a circle leaning towards each other on the app's rose colour: closeness and
distance, the journal's subject. The "maskable" variants keep the drawing inside the central
80% safe zone, so a phone may crop them to any shape without cutting into it.
Usage: .venv/bin/python scripts/make_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

SHELL_DIR = Path(__file__).resolve().parents[1] / "data" / "shell"
ROSE = (181, 71, 122, 255)       # Nabij's rose #B5477A (the themes use shades of it)
CREAM = (255, 247, 242, 255)
DEEP = (92, 30, 62, 255)
SIZES = (192, 512)
# Drawn large and scaled down: Pillow's shapes have no anti-aliasing of their own.
SUPERSAMPLE = 4


def draw_icon(size: int, maskable: bool) -> Image.Image:
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), ROSE if maskable else (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if not maskable:
        radius = big // 5
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=radius, fill=ROSE)
    # The drawing's box: 56% of the icon, centred (well inside the maskable safe zone).
    box = big * 0.56
    left = (big - box) / 2
    top = (big - box) / 2
    gap = box * 0.06
    half = (box - gap) / 2
    # Left half-disc (cream) and right half-disc (deep), flat sides facing each other.
    draw.pieslice((left, top, left + 2 * half, top + box), 90, 270, fill=CREAM)
    right = left + half + gap
    draw.pieslice((right - half, top, right + half, top + box), 270, 90, fill=DEEP)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    SHELL_DIR.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        draw_icon(size, maskable=False).save(SHELL_DIR / f"icon-{size}.png", optimize=True)
        draw_icon(size, maskable=True).save(SHELL_DIR / f"icon-maskable-{size}.png",
                                            optimize=True)


if __name__ == "__main__":
    main()
