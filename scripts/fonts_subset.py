"""Make the web pages' Sarabun: WOFF2 files subset to Thai, Latin and common punctuation.

    .venv/bin/python scripts/fonts_subset.py

Reads the full TTFs of static/fonts/sarabun (the PDF renderer keeps using those: a document may
hold any character its author typed) and writes static/fonts/sarabun/web/Sarabun-<weight>.woff2,
which static/css/portal.css loads. A character outside the subset falls back to the system's
font on a page. The SIL Open Font License allows subsetting, and Sarabun reserves no font name;
its licence is copied beside the subsets.
"""

import shutil
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent / "static" / "fonts" / "sarabun"
WEB = FONTS / "web"
FACES = {
    "Sarabun_300Light.ttf": "Sarabun-300.woff2",
    "Sarabun_400Regular.ttf": "Sarabun-400.woff2",
    "Sarabun_400Regular_Italic.ttf": "Sarabun-400-italic.woff2",
    "Sarabun_600SemiBold.ttf": "Sarabun-600.woff2",
    "Sarabun_700Bold.ttf": "Sarabun-700.woff2",
    "Sarabun_700Bold_Italic.ttf": "Sarabun-700-italic.woff2",
}
UNICODES = [
    *range(0x20, 0x7F),  # ASCII
    *range(0xA0, 0xC0),  # no-break space, ©, «», °, ±, · …
    0xD7,  # ×
    0xF7,  # ÷
    *range(0x0E01, 0x0E5C),  # Thai, with its digits and ฿
    *range(0x2010, 0x2028),  # dashes, quotes, bullet, ellipsis
    *range(0x2030, 0x203B),  # ‰, primes, ‹›
    0x20AC,  # €
    0x2122,  # ™
    0x25CC,  # dotted circle: what a shaper draws a Thai mark on when it has no base
]


def subset_write(source, target):
    # The default layout features keep what Thai needs: ccmp and locl (marks above a narrow
    # consonant, SARA AM), mark and mkmk (mark positions), liga, kern.
    options = subset.Options()
    options.flavor = "woff2"
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    subset.save_font(font, target, options)


def main():
    WEB.mkdir(exist_ok=True)
    for ttf, woff2 in FACES.items():
        subset_write(FONTS / ttf, WEB / woff2)
        print(f"{woff2}: {(WEB / woff2).stat().st_size / 1024:.1f} KiB")
    shutil.copyfile(FONTS / "OFL.txt", WEB / "OFL.txt")


if __name__ == "__main__":
    main()
