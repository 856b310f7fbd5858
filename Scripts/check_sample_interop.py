#!/usr/bin/env python3
"""Checks that a generator trained by `latent train dcgan-mnist` gives PyTorch's samples.

Builds the dcgan-mnist generator with torch.nn under the same layer names as Latent's
(Sources/LatentModels/GAN/DCGANMNIST.swift), loads the generator Latent samples from with
`load_state_dict(strict=True)` (RUN/checkpoints/latest/generator_ema.safetensors, the moving average of
G's weights that dcgan keeps by default, else generator.safetensors), runs it in eval mode on the run's fixed latents
(RUN/samples/z.safetensors, tensor "z"), and compares the result with what
`latent sample RUN --z RUN/samples/z.safetensors --tensor-out OUT` writes (tensor "samples").

Run from the repository root after a short run, for example:

    swift build -c release --product latent
    .build/release/latent train dcgan-mnist --steps 50 --out /tmp/dcgan-interop
    <venv>/bin/python Scripts/check_sample_interop.py /tmp/dcgan-interop [--latent .build/release/latent]

Prints the largest absolute difference; exits with status 0 when it is at most 1e-4, 1 otherwise.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import torch
from safetensors.torch import load_file

TOLERANCE = 1e-4


def dcgan_mnist_generator(latent_size: int = 100, hidden_size: int = 1024) -> torch.nn.Sequential:
    """DCGANMNIST.generator(): 100 noise values to 1x28x28 images in [-1, 1], with the default hidden layer."""
    hidden = [torch.nn.Linear(latent_size, hidden_size, bias=False), torch.nn.BatchNorm1d(hidden_size), torch.nn.ReLU()]
    return torch.nn.Sequential(
        *hidden,
        torch.nn.Linear(hidden_size, 128 * 7 * 7, bias=False), torch.nn.BatchNorm1d(128 * 7 * 7), torch.nn.ReLU(),
        torch.nn.Unflatten(1, (128, 7, 7)),
        torch.nn.ConvTranspose2d(128, 64, 4, stride=2, padding=1, bias=False), torch.nn.BatchNorm2d(64), torch.nn.ReLU(),
        torch.nn.ConvTranspose2d(64, 1, 4, stride=2, padding=1), torch.nn.Tanh())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("run", type=Path, help="the run directory of a dcgan-mnist run")
    parser.add_argument("--latent", default=".build/release/latent", help="the latent executable")
    arguments = parser.parse_args()

    run = arguments.run
    z_path = run / "samples" / "z.safetensors"
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "samples.safetensors"
        subprocess.run([arguments.latent, "sample", str(run), "--z", str(z_path), "--tensor-out", str(out)], check=True)
        latent_samples = load_file(out)["samples"]

    generator = dcgan_mnist_generator()
    checkpoint = run / "checkpoints" / "latest"
    weights = checkpoint / "generator_ema.safetensors"
    if not weights.exists():
        weights = checkpoint / "generator.safetensors"
    generator.load_state_dict(load_file(weights), strict=True)
    print(f"generator weights: {weights.name}")
    generator.eval()
    with torch.no_grad():
        torch_samples = generator(load_file(z_path)["z"])

    if torch_samples.shape != latent_samples.shape:
        print(f"shapes differ: PyTorch {tuple(torch_samples.shape)}, Latent {tuple(latent_samples.shape)}")
        return 1
    difference = (torch_samples - latent_samples).abs().max().item()
    print(f"{tuple(latent_samples.shape)} samples; max |PyTorch - Latent| = {difference:.3e} (tolerance {TOLERANCE:g})")
    return 0 if difference <= TOLERANCE else 1


if __name__ == "__main__":
    sys.exit(main())
