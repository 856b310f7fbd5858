#!/usr/bin/env python3
"""pytorch-fid's FID between two folders of images, for comparison with Latent's FID.

Usage:
    <venv>/bin/python Scripts/check_inception_fid.py FOLDER_A FOLDER_B \
        [--weights FILE] [--batch 50] [--threads 2]

Each folder's images (PNG, JPEG, ...; grey images become RGB) go through pytorch-fid's own feature
extraction and Fréchet distance, with the weights of fid-inception-v3.safetensors (--weights, else
$LATENT_INCEPTION_WEIGHTS, else ../shared/data/inception/). Prints the FID.
"""

import argparse
import os
import sys

import torch
from pytorch_fid.fid_score import calculate_frechet_distance, compute_statistics_of_path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_fid_weights import fid_inception, weights_path  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs=2)
    parser.add_argument("--weights", default=None)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    for folder in args.folders:
        if not os.path.isdir(folder):
            sys.exit(f"check_inception_fid: {folder} is not a folder")

    torch.set_num_threads(args.threads)
    model = fid_inception(weights_path(args.weights))
    statistics = [compute_statistics_of_path(folder, model, args.batch, 2048, "cpu", num_workers=0)
                  for folder in args.folders]
    (mu1, sigma1), (mu2, sigma2) = statistics
    print(f"FID: {calculate_frechet_distance(mu1, sigma1, mu2, sigma2):.6f}")


if __name__ == "__main__":
    main()
