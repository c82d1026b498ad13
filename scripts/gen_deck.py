#!/usr/bin/env python3
"""Writes a deck of N slides for benchmarks: DIR/deck.md and the images it shows (DIR/images/).

The one generator of benchmark decks: `cargo bench` (benches/common/mod.rs) and
`scripts/bench-peers` both call it, so the in-process and whole-process numbers are about the same
Markdown. The material is the sample deck's kind (decks/sensibilisation): a title slide, then a
cycle of section dividers, lists (`-` at once, `*` one at a time), numbered lists, images with
captions, testimonies, key figures and definitions, each slide with speaker notes, and a closing
slide. Slides are cut by `---` lines, which diapo, Marp and pandoc all read; diapo's directives are
HTML comments, which the others ignore. No slide overflows, so diapo builds exactly N slides.

Same arguments, same bytes: the text rotates through fixed word pools, the PNGs are drawn by
hand-written code and compressed with zlib at a fixed level. Python 3 standard library only.

    python3 scripts/gen_deck.py --slides 100 --out target/bench-decks/100
"""

import argparse
import struct
import zlib
from pathlib import Path

SUBJECTS = [
    "la mise en production",
    "l'homologation continue",
    "le mode produit",
    "la chaîne DevSecOps",
    "le cloud souverain",
    "la supervision des services",
    "la réversibilité",
    "l'accompagnement des équipes",
    "la sécurité des données",
    "le pilotage par la valeur",
    "la co-construction avec les usagers",
]
VERBS = [
    "accélère",
    "simplifie",
    "sécurise",
    "rend visible",
    "met sous contrôle",
    "automatise",
    "rapproche des usagers",
]
GAINS = [
    "des livraisons chaque semaine",
    "moins d'incidents en production",
    "des coûts maîtrisés",
    "des équipes autonomes",
    "une conformité vérifiée à chaque livraison",
    "des services disponibles partout, à tout moment",
    "des données protégées et réversibles",
]
PEOPLE = [
    ("Julien M.", "chef de projet, direction métier"),
    ("Amina K.", "directrice des systèmes d'information"),
    ("Claire D.", "responsable de la sécurité"),
    ("Marc L.", "product owner, service aux usagers"),
]
FIGURES = ["80 %", "3 mois", "1 semaine", "40 %", "12", "99,9 %"]
TERMS = [
    ("Cloud native", "une façon de produire le logiciel pour tirer pleinement parti du cloud"),
    ("DevSecOps", "développement, tests, sécurité et exploitation intégrés dans une chaîne"),
    ("Homologation continue", "la conformité vérifiée automatiquement à chaque livraison"),
    ("Mode produit", "une équipe stable qui fait évoluer un service selon ses usagers"),
]
IMAGES = [
    ("chaine.png", (0x00, 0x00, 0x91), (0xE1, 0x00, 0x0F)),
    ("socle.png", (0x18, 0x75, 0x3C), (0xFF, 0xCA, 0x00)),
    ("equipes.png", (0x6A, 0x6A, 0xF4), (0x00, 0x63, 0xCB)),
]
KINDS = ["section", "list", "fragments", "image", "testimony", "numbered", "key-figure", "definition"]


def cap(text):
    return text[:1].upper() + text[1:]


def pick(pool, i, step=1):
    return pool[(i * step) % len(pool)]


def sentence(i):
    return f"{cap(pick(SUBJECTS, i))} {pick(VERBS, i, 3)} : {pick(GAINS, i, 5)}"


def note(i):
    return (
        f"<!-- Exemple {i} : partir d'un cas vécu par la salle, puis relier "
        f"{pick(SUBJECTS, i, 7)} à {pick(GAINS, i, 2)}. -->"
    )


def slide(kind, n, part):
    """Markdown of slide number `n` (1-based) of kind `kind`; `part` numbers the sections."""
    if kind == "section":
        return f"## Partie {part} : {pick(SUBJECTS, part)}\n\n{note(n)}"
    if kind == "list":
        items = "\n".join(f"- {sentence(n + k)}" for k in range(4))
        return f"### {cap(pick(SUBJECTS, n))} ({n})\n\n{items}\n\n{note(n)}\n{note(n + 1)}"
    if kind == "fragments":
        items = "\n".join(f"* {cap(pick(GAINS, n + k))}" for k in range(4))
        return f"### Ce que {pick(SUBJECTS, n, 3)} change ({n})\n\n{items}\n\n{note(n)}"
    if kind == "image":
        name = pick(IMAGES, n)[0]
        return (
            f"### Schéma : {pick(SUBJECTS, n, 5)} ({n})\n\n"
            f'![Schéma de {pick(SUBJECTS, n, 5)}](images/{name} "Figure {n}")\n\n{note(n)}'
        )
    if kind == "testimony":
        who, role = pick(PEOPLE, n)
        return (
            f"### Témoignage ({n})\n\n"
            f"> Avant, {pick(SUBJECTS, n)} prenait des mois. Aujourd'hui, "
            f"{pick(GAINS, n, 3)} : l'équipe ne reviendrait pas en arrière.\n\n"
            f"— {who}, {role}\n\n{note(n)}"
        )
    if kind == "numbered":
        items = "\n".join(f"{k + 1}. {sentence(n + 2 * k)}" for k in range(3))
        return f"### Prochaines étapes ({n})\n\n{items}\n\n{note(n)}"
    if kind == "key-figure":
        return (
            f"### Chiffre clé ({n})\n\n**{pick(FIGURES, n)}** des projets visent "
            f"{pick(GAINS, n, 3)}.\n\n{sentence(n)}.\n\n{note(n)}"
        )
    if kind == "definition":
        term, meaning = pick(TERMS, n)
        return f"### Définition : {term} ({n})\n\n**{term}** : {meaning}.\n\n{note(n)}"
    raise ValueError(kind)


def deck_markdown(slides):
    front = (
        "---\n"
        "title: Banc d'essai Cloud Pi Native\n"
        "subtitle: Un deck généré pour mesurer les outils\n"
        "author: Équipe Cloud Pi Native\n"
        "date: 2026-11-22\n"
        "lang: fr\n"
        "duration: 30min\n"
        "contact: cloudpinative-relations@interieur.gouv.fr\n"
        "---\n\n"
    )
    parts = [f"# Banc d'essai : {slides} diapositives\n\n<!-- Accueillir la salle. -->"]
    part = 0
    for n in range(2, slides):
        kind = KINDS[(n - 2) % len(KINDS)]
        if kind == "section":
            part += 1
        parts.append(slide(kind, n, part))
    if slides > 1:
        parts.append(
            "### Merci\n\nMerci de votre attention.\n\n"
            "cloudpinative-relations@interieur.gouv.fr\n\n"
            "Recommanderiez-vous cette offre à un collègue ?\n\n<!-- Recueillir les avis. -->"
        )
    return front + "\n\n---\n\n".join(parts) + "\n"


def png(width, height, ink, accent):
    """A diagram-like RGB picture: three boxes joined by arrows on a light background."""
    paper = bytes((0xF6, 0xF6, 0xF6))
    rows = []
    box_w, box_h = width // 5, height // 3
    top = (height - box_h) // 2
    lefts = [width // 10 + k * (box_w + width // 10) for k in range(3)]
    for y in range(height):
        row = bytearray(paper * width)
        in_box = top <= y < top + box_h
        for k, left in enumerate(lefts):
            if in_box:
                edge = y - top < 8 or top + box_h - y <= 8
                colour = accent if (k == 1 and not edge) else ink
                fill = bytes(colour) * box_w
                if not edge:
                    # Boxes outlined, the middle one filled: hollow boxes keep a white inside.
                    fill = bytes(colour) * 8 + (
                        (bytes(colour) if k == 1 else paper) * (box_w - 16)
                    ) + bytes(colour) * 8
                row[3 * left : 3 * (left + box_w)] = fill
            # Arrows between boxes: a bar at mid-height.
            if k < 2 and abs(y - height // 2) < 4:
                start, end = left + box_w, lefts[k + 1]
                row[3 * start : 3 * end] = bytes(ink) * (end - start)
        # A gradient band at the bottom, so the picture is not all flat colour.
        if y > height - height // 8:
            for x in range(0, width, 4):
                shade = (x * 255 // width, (y * 7) % 256, 200)
                row[3 * x : 3 * x + 12] = bytes(shade) * 4
        rows.append(b"\x00" + bytes(row))
    raw = zlib.compress(b"".join(rows), 6)

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", raw)
        + chunk(b"IEND", b"")
    )


def write_deck(out, slides):
    """Writes the deck (deck.md, images/) into `out`; skips files already holding the same bytes."""
    out = Path(out)
    (out / "images").mkdir(parents=True, exist_ok=True)
    files = {out / "deck.md": deck_markdown(slides).encode()}
    for name, ink, accent in IMAGES:
        path = out / "images" / name
        if not path.exists():
            files[path] = png(1280, 720, ink, accent)
    for path, data in files.items():
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    return out / "deck.md"


def main():
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("--slides", type=int, required=True, help="number of slides (at least 2)")
    args.add_argument("--out", required=True, help="folder to write deck.md and images/ into")
    a = args.parse_args()
    if a.slides < 2:
        args.error("--slides must be at least 2")
    print(write_deck(a.out, a.slides))


if __name__ == "__main__":
    main()
