#!/usr/bin/env python3
"""Writes PyTorch's resizing of small 8-bit images, which LatentData's `ImageDataset.resized` tests compare against.

Run from the repository root with PyTorch installed:

    <venv>/bin/python Scripts/make_resize_fixtures.py

Each case resizes a batch of images in float64 with `torch.nn.functional.interpolate`: `mode='area'` where an axis
shrinks and `mode='bilinear', align_corners=False, antialias=False` where it grows (an image that shrinks along one
axis and grows along the other is resized one axis at a time, the growing axis first), then rounds with
`torch.round` (to nearest, ties to even) and clamps to 0...255. Latent computes the same values exactly (whole
weights over a common denominator); exact halves are common at these sizes, and float64 landed each of them on the
exact value's side in the committed file, which the tests compare byte for byte.

File written: Tests/LatentDataTests/Fixtures/resize_torch.json, a list of
{"name", "count", "channels", "height", "width", "pixels", "out_height", "out_width", "expected"}, pixels laid out
image × channel × row × column.
"""

import json
from pathlib import Path

import torch
import torch.nn.functional as F

OUTPUT = Path("Tests/LatentDataTests/Fixtures/resize_torch.json")


def resize(images, height, width):
    """`images` [N, C, H, W] float64 resized to height × width as the module docstring says."""
    def axis(x, size, dim):
        shape = list(x.shape[2:])
        if shape[dim] == size:
            return x
        shape[dim] = size
        mode = "area" if size < x.shape[2 + dim] else "bilinear"
        extra = {} if mode == "area" else {"align_corners": False, "antialias": False}
        return F.interpolate(x, size=tuple(shape), mode=mode, **extra)

    rows_grow = height > images.shape[2]
    if rows_grow:
        return axis(axis(images, height, 0), width, 1)
    return axis(axis(images, width, 1), height, 0)


def case(name, generator, count, channels, height, width, out_height, out_width):
    pixels = torch.randint(0, 256, (count, channels, height, width), generator=generator, dtype=torch.int64)
    resized = resize(pixels.to(torch.float64), out_height, out_width)
    expected = torch.round(resized).clamp(0, 255).to(torch.int64)
    return {
        "name": name, "count": count, "channels": channels, "height": height, "width": width,
        "pixels": pixels.flatten().tolist(), "out_height": out_height, "out_width": out_width,
        "expected": expected.flatten().tolist(),
    }


def main():
    generator = torch.Generator().manual_seed(18)
    cases = [
        case("area-halving-grey", generator, 2, 1, 8, 8, 4, 4),
        case("area-uneven-rgb", generator, 2, 3, 9, 7, 4, 3),
        case("bilinear-rgb", generator, 1, 3, 5, 4, 11, 9),
        case("bilinear-pair", generator, 2, 2, 4, 4, 9, 9),
        case("mixed-grey", generator, 1, 1, 6, 9, 10, 4),
    ]
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(cases, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
