#!/usr/bin/env python3
"""Draws the example brands' logos (themes/brands/logos/<id>.png).

These are simple marks made for diapo's examples -- a rounded square in the brand's colour, a
geometric motif and a three-letter monogram -- and NOT the ministries' official emblems, which
belong to their owners. Run from the repository root (needs Pillow):

    python3 scripts/make_brand_logos.py

The output is deterministic for a given Pillow version; the PNGs are committed, so diapo's build
never needs Python.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "themes" / "brands" / "logos"
FONT = ROOT / "fonts" / "source-sans-3" / "SourceSans3-Bold.ttf"
SIZE = 256
SCALE = 4  # drawn large, then scaled down: smooth edges without anti-aliasing support in Pillow

WHITE = (255, 255, 255, 255)


def hex_rgb(value):
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4)) + (255,)


def motif_circles(d, box):
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    for r, w in ((0.46, 0.07), (0.28, 0.07)):
        rr = r * (x1 - x0)
        d.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), outline=WHITE, width=int(w * (x1 - x0)))
    rr = 0.1 * (x1 - x0)
    d.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), fill=WHITE)


def motif_balance(d, box):
    x0, y0, x1, y1 = box
    w = x1 - x0
    cx = (x0 + x1) / 2
    d.rectangle((cx - 0.03 * w, y0 + 0.05 * w, cx + 0.03 * w, y1 - 0.08 * w), fill=WHITE)
    d.rectangle((x0 + 0.05 * w, y0 + 0.18 * w, x1 - 0.05 * w, y0 + 0.24 * w), fill=WHITE)
    d.rectangle((cx - 0.25 * w, y1 - 0.1 * w, cx + 0.25 * w, y1 - 0.03 * w), fill=WHITE)
    for px in (x0 + 0.2 * w, x1 - 0.2 * w):
        d.polygon(
            [(px, y0 + 0.24 * w), (px - 0.17 * w, y0 + 0.62 * w), (px + 0.17 * w, y0 + 0.62 * w)],
            outline=WHITE,
            width=int(0.04 * w),
        )
        d.chord(
            (px - 0.19 * w, y0 + 0.45 * w, px + 0.19 * w, y0 + 0.8 * w), 0, 180, fill=WHITE
        )


def motif_chevrons(d, box):
    x0, y0, x1, y1 = box
    w = x1 - x0
    for k in range(3):
        top = y0 + (0.08 + 0.28 * k) * w
        t = 0.13 * w
        d.polygon(
            [
                (x0 + 0.08 * w, top + 0.22 * w),
                ((x0 + x1) / 2, top),
                (x1 - 0.08 * w, top + 0.22 * w),
                (x1 - 0.08 * w, top + 0.22 * w + t),
                ((x0 + x1) / 2, top + t),
                (x0 + 0.08 * w, top + 0.22 * w + t),
            ],
            fill=WHITE,
        )


def motif_book(d, box):
    x0, y0, x1, y1 = box
    w = x1 - x0
    cx = (x0 + x1) / 2
    for side in (-1, 1):
        outer = cx + side * 0.46 * w
        inner = cx + side * 0.04 * w
        d.polygon(
            [(inner, y0 + 0.22 * w), (outer, y0 + 0.1 * w), (outer, y1 - 0.14 * w), (inner, y1 - 0.02 * w)],
            fill=WHITE,
        )
    d.ellipse((cx - 0.09 * w, y0 - 0.06 * w, cx + 0.09 * w, y0 + 0.12 * w), fill=WHITE)


def motif_leaf(d, box, colour):
    x0, y0, x1, y1 = box
    w = x1 - x0
    leaf = Image.new("RGBA", (int(w), int(w)), (0, 0, 0, 0))
    ld = ImageDraw.Draw(leaf)
    ld.ellipse((0.0 * w, 0.24 * w, 1.0 * w, 0.76 * w), fill=WHITE)
    ld.line((0.04 * w, 0.5 * w, 0.9 * w, 0.5 * w), fill=colour, width=int(0.05 * w))
    leaf = leaf.rotate(40, resample=Image.BICUBIC)
    return leaf


BRANDS = {
    "interieur": ("#000091", "INT", motif_circles),
    "justice": ("#6e445a", "JUS", motif_balance),
    "armees": ("#465f9d", "ARM", motif_chevrons),
    "education": ("#3558a2", "ÉDU", motif_book),
    "ecologie": ("#18753c", "ÉCO", motif_leaf),
}


def draw(colour, letters, motif):
    s = SIZE * SCALE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    fill = hex_rgb(colour)
    # A white rim keeps the mark visible on a background of its own colour (section slides).
    d.rounded_rectangle((0, 0, s - 1, s - 1), radius=int(0.2 * s), fill=WHITE)
    inset = int(0.035 * s)
    d.rounded_rectangle((inset, inset, s - 1 - inset, s - 1 - inset), radius=int(0.17 * s), fill=fill)
    box = (0.24 * s, 0.12 * s, 0.76 * s, 0.64 * s)
    if motif is motif_leaf:
        leaf = motif(d, box, fill)
        img.alpha_composite(leaf, (int(box[0]), int(box[1])))
    else:
        motif(d, box)
    font = ImageFont.truetype(str(FONT), int(0.22 * s))
    width = d.textlength(letters, font=font)
    d.text(((s - width) / 2, 0.66 * s), letters, font=font, fill=WHITE)
    return img.resize((SIZE, SIZE), Image.LANCZOS)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for brand, (colour, letters, motif) in BRANDS.items():
        path = OUT / f"{brand}.png"
        draw(colour, letters, motif).save(path, optimize=True)
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
