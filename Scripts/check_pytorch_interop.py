#!/usr/bin/env python3
"""Checks that PyTorch loads a state dict written by Latent and computes the same outputs.

Latent's test `writesTheInteropFiles` (Tests/LatentNNTests/InteropExportTests.swift) saves a small
model (convolution, transposed convolution, batch normalization, linear layers) after a few
training-mode passes, plus a fixed input and Latent's eval-mode output for it. This script builds
the same model with torch.nn, loads Latent's file with `load_state_dict(strict=True)` and compares
PyTorch's output with Latent's.

Run from the repository root with a CPU build of PyTorch and the `safetensors` package:

    LATENT_INTEROP_DIR=/tmp/latent-interop swift test --filter writesTheInteropFiles
    <venv>/bin/python Scripts/check_pytorch_interop.py /tmp/latent-interop

Exits with status 0 when every output matches to 1e-5, 1 otherwise.
"""

import sys
from pathlib import Path

import torch
from safetensors import safe_open
from safetensors.torch import load_file

TOLERANCE = 1e-5


def interop_model() -> torch.nn.Sequential:
    """The model of interopModel() in InteropExportTests.swift."""
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 4, 3, stride=2, padding=1), torch.nn.BatchNorm2d(4), torch.nn.LeakyReLU(0.2),
        torch.nn.ConvTranspose2d(4, 2, 4, stride=2, padding=1, bias=False), torch.nn.BatchNorm2d(2), torch.nn.ReLU(),
        torch.nn.Flatten(), torch.nn.Linear(2 * 8 * 8, 6), torch.nn.BatchNorm1d(6), torch.nn.Tanh(), torch.nn.Linear(6, 3))


def main() -> int:
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} DIRECTORY (where Latent wrote model.safetensors and io.safetensors)")
        return 2
    directory = Path(sys.argv[1])
    torch.manual_seed(0)
    model = interop_model()
    state = load_file(directory / "model.safetensors")
    with safe_open(directory / "model.safetensors", framework="pt") as handle:
        print(f"metadata: {handle.metadata()}")
    model.load_state_dict(state, strict=True)
    print(f"loaded {len(state)} tensors with strict=True; "
          f"num_batches_tracked: {state['1.num_batches_tracked'].dtype} {int(state['1.num_batches_tracked'])}")
    model.eval()

    io = load_file(directory / "io.safetensors")
    with torch.no_grad():
        output = model(io["input"])
    expected = io["output"]
    if output.shape != expected.shape:
        print(f"FAIL: PyTorch output shape {tuple(output.shape)}, Latent's {tuple(expected.shape)}")
        return 1
    difference = (output - expected).abs().max().item()
    print(f"output {tuple(output.shape)}: largest difference from Latent {difference:.3g} (tolerance {TOLERANCE})")
    if difference > TOLERANCE:
        print("FAIL")
        return 1
    print(f"OK (torch {torch.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
