#!/usr/bin/env python3
"""Writes the JPEG files and Pillow's decoding of them that LatentData's JPEG tests compare against.

Run from the repository root with Pillow installed:

    <venv>/bin/python Scripts/make_image_fixtures.py

The committed fixtures were produced by Pillow 13.0.0 (its bundled libjpeg-turbo, libjpeg 6.2 API).

Files written to Tests/LatentDataTests/Fixtures/:
  colour.jpg, grey.jpg   small JPEG files encoded by Pillow (quality 85, colour with 4:2:0 subsampling)
  jpeg_pixels.json       {"colour.jpg": {"width", "height", "channels", "pixels"}, "grey.jpg": {...}}:
                         Pillow's decoding of each file, pixels row by row with channels interleaved
"""

import json
from pathlib import Path

from PIL import Image

OUTPUT = Path("Tests/LatentDataTests/Fixtures")


def colour_image():
    """A 13×9 RGB picture with gradients and a sharp edge (odd sizes exercise partial blocks)."""
    image = Image.new("RGB", (13, 9))
    for y in range(9):
        for x in range(13):
            edge = 230 if x > 6 else 20
            image.putpixel((x, y), (x * 19, y * 28, edge))
    return image


def grey_image():
    """A 7×5 grey picture."""
    image = Image.new("L", (7, 5))
    for y in range(5):
        for x in range(7):
            image.putpixel((x, y), (x * 37 + y * 11) % 256)
    return image


def main():
    OUTPUT.mkdir(parents=True, exist_ok=True)
    decoded = {}
    for name, image in [("colour.jpg", colour_image()), ("grey.jpg", grey_image())]:
        path = OUTPUT / name
        image.save(path, format="JPEG", quality=85)
        with Image.open(path) as reread:
            reread.load()
            channels = len(reread.getbands())
            pixels = list(reread.tobytes())
            decoded[name] = {"width": reread.width, "height": reread.height, "channels": channels, "pixels": pixels}
    (OUTPUT / "jpeg_pixels.json").write_text(json.dumps(decoded, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
