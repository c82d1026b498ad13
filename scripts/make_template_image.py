#!/usr/bin/env python3
"""Draws the image of the `sensibilisation` starter deck (decks/templates/sensibilisation/images/
parcours.png): four steps joined by arrows, in the State's blue and red, with no text, so that
the French and English templates share it. Run from the repository root (needs Pillow):

    python3 scripts/make_template_image.py

The PNG is committed: `diapo new` embeds it, and never needs Python.
"""

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "decks" / "templates" / "sensibilisation" / "images" / "parcours.png"
WIDTH, HEIGHT = 960, 360
SCALE = 4  # drawn large, then scaled down: smooth edges

BLUE = (0, 0, 145)
RED = (225, 0, 15)
GREY = (229, 229, 244)
WHITE = (255, 255, 255)


def main():
    img = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), WHITE)
    draw = ImageDraw.Draw(img)
    s = SCALE
    steps = 4
    radius = 70 * s
    cy = HEIGHT * s // 2
    gap = (WIDTH * s - 2 * 60 * s) // (steps - 1)
    centres = [60 * s + radius // 2 + i * (gap - radius // (steps - 1)) for i in range(steps)]
    for a, b in zip(centres, centres[1:]):
        x0, x1 = a + radius + 12 * s, b - radius - 12 * s
        draw.rectangle([x0, cy - 5 * s, x1 - 24 * s, cy + 5 * s], fill=BLUE)
        draw.polygon([(x1 - 30 * s, cy - 20 * s), (x1, cy), (x1 - 30 * s, cy + 20 * s)], fill=BLUE)
    for i, cx in enumerate(centres):
        last = i == steps - 1
        draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=RED if last else BLUE)
        inner = radius // 2
        draw.ellipse([cx - inner, cy - inner, cx + inner, cy + inner], fill=GREY if not last else WHITE)
    img = img.resize((WIDTH, HEIGHT), Image.LANCZOS)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    img.save(OUT, optimize=True)
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
