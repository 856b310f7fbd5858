#!/usr/bin/env python3
"""Writes the PyTorch reference values for ProGAN's layers and its fade-in (Karras et al. 2018).

Run from the repository root with the environment of make_pytorch_fixtures.py:

    <venv>/bin/python Scripts/make_progan_fixtures.py

Files written:
  Tests/LatentNNTests/Fixtures/progan_layers.json     EqualizedLinear, EqualizedConv2d and PixelNorm as
                                                      layers.json's cases (state dict, output, gradients)
  Tests/LatentModelsTests/Fixtures/progan_fade_in.json  the generator's and the discriminator's fade-in
                                                      blends at three values of alpha, with gradients

The equalized layers store N(0, 1) weights and multiply them at run time by gain / sqrt(fan_in)
(times lr_multiplier, whose bias is also multiplied), as the official implementations do.
"""

import math
import os
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

from make_pytorch_fixtures import ROOT, header, layer_case, op_case, randn, write_json

SEED = 0


class EqualizedLinear(nn.Module):
    def __init__(self, in_features, out_features, bias=True, gain=math.sqrt(2), lr_multiplier=1.0, bias_init=0.0):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_features, in_features) / lr_multiplier)
        self.bias = nn.Parameter(torch.full([out_features], float(bias_init))) if bias else None
        self.weight_scale = gain / math.sqrt(in_features) * lr_multiplier
        self.lr_multiplier = lr_multiplier

    def forward(self, x):
        bias = None if self.bias is None else self.bias * self.lr_multiplier
        return F.linear(x, self.weight * self.weight_scale, bias)


class EqualizedConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, bias=True, gain=math.sqrt(2)):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_channels, in_channels, kernel_size, kernel_size))
        self.bias = nn.Parameter(torch.zeros(out_channels)) if bias else None
        self.weight_scale = gain / math.sqrt(in_channels * kernel_size * kernel_size)
        self.stride, self.padding = stride, padding

    def forward(self, x):
        return F.conv2d(x, self.weight * self.weight_scale, self.bias, stride=self.stride, padding=self.padding)


class PixelNorm(nn.Module):
    def __init__(self, eps=1e-8):
        super().__init__()
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(dim=1, keepdim=True) + self.eps)


def layer_cases():
    cases = []
    cfg = dict(in_features=5, out_features=3, bias=True, gain=math.sqrt(2), lr_multiplier=1.0)
    cases += layer_case("equalized_linear", EqualizedLinear(**cfg), cfg, randn(4, 5))
    cfg = dict(in_features=4, out_features=3, bias=True, gain=1.0, lr_multiplier=0.01, bias_init=0.5)
    cases += layer_case("equalized_linear_lr_multiplier", EqualizedLinear(**cfg), cfg, randn(2, 4))
    cfg = dict(in_channels=3, out_channels=4, kernel_size=3, stride=1, padding=1, bias=True, gain=math.sqrt(2))
    cases += layer_case("equalized_conv2d", EqualizedConv2d(**cfg), cfg, randn(2, 3, 5, 4))
    cfg = dict(in_channels=4, out_channels=2, kernel_size=1, stride=1, padding=0, bias=False, gain=1.0)
    cases += layer_case("equalized_conv2d_to_rgb", EqualizedConv2d(**cfg), cfg, randn(2, 4, 3, 3))
    cfg = dict(eps=1e-8)
    cases += layer_case("pixel_norm_2d", PixelNorm(**cfg), cfg, randn(3, 6, scale=2, shift=0.3))
    cases += layer_case("pixel_norm_4d", PixelNorm(**cfg), cfg, randn(2, 5, 3, 2, scale=2, shift=0.3))
    return [case for case in cases if case["mode"] == "train"]


def fade_in_cases():
    """ProGAN's fade-in: G blends the upsampled old RGB into the new, D the downsampled image's features."""
    cases = []
    for alpha in [0.0, 0.3, 1.0]:
        old, new = randn(2, 1, 4, 4), randn(2, 1, 8, 8)
        cases.append(op_case(
            f"generator_alpha_{alpha}", "generator_fade_in",
            lambda o, n: torch.lerp(F.interpolate(o, scale_factor=2, mode="nearest"), n, alpha),
            [("old", old), ("new", new)], args={"alpha": alpha}))
        image, features = randn(2, 1, 8, 8), randn(2, 1, 4, 4)
        cases.append(op_case(
            f"discriminator_alpha_{alpha}", "discriminator_fade_in",
            lambda i, f: torch.lerp(F.avg_pool2d(i, 2), f, alpha),
            [("image", image), ("features", features)], args={"alpha": alpha}))
    return cases


def main():
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    paths = [
        write_json("progan_layers.json", OrderedDict(header(), cases=layer_cases())),
        write_json(os.path.join(ROOT, "Tests", "LatentModelsTests", "Fixtures", "progan_fade_in.json"),
                   OrderedDict(header(), cases=fade_in_cases())),
    ]
    for path in paths:
        print(f"{os.path.relpath(path, ROOT)}: {os.path.getsize(path) / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
