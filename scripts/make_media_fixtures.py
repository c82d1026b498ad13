#!/usr/bin/env python3
"""Draws the small images of the media test fixtures (tests/fixtures/valid/image-formats/): one
file per format diapo reads — PNG, JPEG (a photo-like gradient, used three times under three
spellings of its path), an animated GIF (two frames), WebP, BMP — and an SVG logo. Each is a few
hundred bytes to a few kilobytes. Run from the repository root (needs Pillow):

    python3 scripts/make_media_fixtures.py

The files are committed: the tests never need Python.
"""

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "valid" / "image-formats"

BLUE = (0, 0, 145)
RED = (225, 0, 15)
WHITE = (255, 255, 255)

SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="320" height="120" viewBox="0 0 320 120">
  <rect x="0" y="0" width="320" height="120" rx="12" fill="#f5f5fe"/>
  <rect x="20" y="20" width="80" height="80" fill="#000091"/>
  <circle cx="160" cy="60" r="40" fill="none" stroke="#e1000f" stroke-width="8"/>
  <path d="M220 100 L260 20 L300 100 Z" fill="#000091" fill-rule="evenodd"/>
</svg>
"""


def photo(width, height):
    """A smooth gradient with a disc: compresses like a photo, not like flat colour."""
    img = Image.new("RGB", (width, height))
    px = img.load()
    for y in range(height):
        for x in range(width):
            px[x, y] = (40 + x * 180 // width, 60 + y * 150 // height, 160 - x * 100 // width)
    ImageDraw.Draw(img).ellipse(
        (width // 3, height // 4, width // 3 + height // 2, height // 4 + height // 2), fill=RED
    )
    return img


def flat(width, height, colour):
    img = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(img)
    draw.rectangle((4, 4, width - 5, height - 5), outline=colour, width=4)
    draw.line((4, height - 5, width - 5, 4), fill=colour, width=4)
    return img


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    photo(160, 90).save(OUT / "photo.jpg", quality=80)
    flat(120, 68, BLUE).save(OUT / "schema.png", optimize=True)
    # Palette mode: 8 bits a pixel, a small file for an uncompressed format.
    flat(64, 36, RED).convert("P").save(OUT / "chart.bmp")
    photo(96, 54).save(OUT / "paysage.webp", quality=80)
    frames = [flat(80, 45, BLUE), flat(80, 45, RED)]
    frames[0].save(
        OUT / "anim.gif", save_all=True, append_images=frames[1:], duration=400, loop=0
    )
    (OUT / "logo.svg").write_text(SVG, encoding="utf-8")
    for name in sorted(p.name for p in OUT.iterdir() if p.name != "deck.md"):
        print(f"{OUT.relative_to(ROOT) / name}: {(OUT / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
