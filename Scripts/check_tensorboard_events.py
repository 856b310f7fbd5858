#!/usr/bin/env python3
"""Reads a TensorBoard event file (or a directory of them) with the real `tensorboard` package and prints
every scalar, image and histogram it finds, so that Latent's EventWriter output can be checked by hand.

Usage: python3 Scripts/check_tensorboard_events.py RUN_DIR_OR_EVENT_FILE
Needs `pip install tensorboard`. Exits with status 1 when the file holds nothing TensorBoard can read.
"""
import sys

from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    accumulator = EventAccumulator(sys.argv[1], size_guidance={"scalars": 0, "images": 0, "histograms": 0})
    accumulator.Reload()
    tags = accumulator.Tags()
    print(f"file_version: {accumulator.file_version}")
    found = 0
    for tag in tags["scalars"]:
        for event in accumulator.Scalars(tag):
            print(f"scalar {tag} step={event.step} value={event.value:.6g} wall_time={event.wall_time:.3f}")
            found += 1
    for tag in tags["images"]:
        for event in accumulator.Images(tag):
            png = event.encoded_image_string
            print(f"image {tag} step={event.step} {event.width}x{event.height} png_bytes={len(png)} "
                  f"png_signature_ok={png[:8] == PNG_SIGNATURE}")
            found += 1
    for tag in tags["histograms"]:
        for event in accumulator.Histograms(tag):
            h = event.histogram_value
            print(f"histogram {tag} step={event.step} min={h.min:.6g} max={h.max:.6g} num={h.num:g} "
                  f"sum={h.sum:.6g} sum_squares={h.sum_squares:.6g} buckets={len(h.bucket)} "
                  f"counts={[int(c) for c in h.bucket]}")
            found += 1
    print(f"{found} values read")
    return 0 if found else 1


if __name__ == "__main__":
    sys.exit(main())
