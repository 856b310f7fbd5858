#!/usr/bin/env python3
"""Times pytorch-fid's Inception-v3 feature extraction, for comparison with `latent-bench --inception`.

Usage:
    python Benchmarks/inception_pytorch.py [--images 500] [--batch 50] [--threads 2] [--weights FILE] [--json]

Extracts 2048-d features of N seeded random 32×32 RGB images (uint8 / 255, as pytorch-fid's
ToTensor gives), batch by batch under torch.no_grad(), after one untimed warm-up batch; the model
resizes to 299×299 and scales to [−1, 1] itself. Prints images per second, processor seconds per
image (user + system over all threads: steadier than wall time on a loaded machine) and peak RSS.
"""

import argparse
import json
import os
import resource
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Scripts"))
from pytorch_fid_weights import fid_inception, weights_path  # noqa: E402


def cpu_seconds():
    """Processor seconds (user and system, all threads) this process has used so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=500)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--weights", default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    model = fid_inception(weights_path(args.weights))
    generator = torch.Generator().manual_seed(0)
    images = torch.randint(0, 256, (args.images, 3, 32, 32), dtype=torch.uint8, generator=generator)
    images = images.float() / 255

    with torch.no_grad():
        model(images[:args.batch])
        start, cpu_start = time.perf_counter(), cpu_seconds()
        features = [model(images[first:first + args.batch])[0].squeeze(3).squeeze(2)
                    for first in range(0, args.images, args.batch)]
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu_start
    assert torch.cat(features).shape == (args.images, 2048)

    result = {
        "framework": "pytorch", "torch": torch.__version__, "images": args.images, "batch": args.batch,
        "threads": args.threads, "seconds": seconds, "images_per_second": args.images / seconds, "cpu_seconds": cpu,
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }
    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        print(f"pytorch-fid inception: {args.images} images, batch {args.batch}, {args.threads} threads: "
              f"{result['images_per_second']:.2f} images/s, {cpu / args.images:.2f} CPU s/image, peak RSS {result['peak_rss_bytes'] / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
