#!/usr/bin/env python3
"""Writes the PyTorch reference values of CycleGAN's parts (Latent's ResnetGenerator, ReflectionPad2d, the cycle
and identity losses).

Run from the repository root with the CPU build of PyTorch:

    <venv>/bin/python Scripts/make_cyclegan_fixtures.py

The output is deterministic (fixed seed, one thread). It writes Tests/LatentModelsTests/Fixtures/cyclegan.json
with the conventions of make_pytorch_fixtures.py: a tensor is {"name", "shape", "values"}; inputs and
parameters are rounded to 6 significant digits before use, outputs and gradients are written with 8.

reflectionPad   x [1, 2, 3, 4] padded by nn.ReflectionPad2d((2, 1, 2, 0)); output, and the gradient of
                sum(output * w) for x
generator       the state dict of a ResNet generator of the official architecture with ngf 2 and 1 residual block
                (1 → 1 channels; names model.N.*, the block's branch model.10.conv_block.N.*), weights from
                N(0, 0.02) rounded; input a [2, 1, 8, 8]; its output
cycle           with G_AB = that generator and G_BA a second one (state dict generatorBA) on a [2, 1, 8, 8] and
                b [2, 1, 8, 8]: loss = 10·L1(G_BA(G_AB(a)), a) + 10·L1(G_AB(G_BA(b)), b) and
                identity = 0.5·(10·L1(G_AB(b), b) + 10·L1(G_BA(a), a)), with the gradients of cycle + identity for
                G_AB's parameters
"""

import json
import os
import sys
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_pytorch_fixtures import encode, encode_exact, quantize, randn, weight_for  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "LatentModelsTests", "Fixtures", "cyclegan.json")


class Block(nn.Module):
    """x + the residual branch, as the paper's generator has it."""

    def __init__(self, channels):
        super().__init__()
        self.conv_block = nn.Sequential(
            nn.ReflectionPad2d(1), nn.Conv2d(channels, channels, 3), nn.InstanceNorm2d(channels), nn.ReLU(True),
            nn.ReflectionPad2d(1), nn.Conv2d(channels, channels, 3), nn.InstanceNorm2d(channels))

    def forward(self, x):
        return x + self.conv_block(x)


def resnet_generator(ngf, blocks, channels=1):
    layers = [nn.ReflectionPad2d(3), nn.Conv2d(channels, ngf, 7), nn.InstanceNorm2d(ngf), nn.ReLU(True)]
    for level in range(2):
        width = ngf * 2 ** level
        layers += [nn.Conv2d(width, 2 * width, 3, stride=2, padding=1), nn.InstanceNorm2d(2 * width), nn.ReLU(True)]
    layers += [Block(ngf * 4) for _ in range(blocks)]
    for level in range(2):
        width = ngf * 2 ** (2 - level)
        layers += [nn.ConvTranspose2d(width, width // 2, 3, stride=2, padding=1, output_padding=1),
                   nn.InstanceNorm2d(width // 2), nn.ReLU(True)]
    layers += [nn.ReflectionPad2d(3), nn.Conv2d(ngf, channels, 7), nn.Tanh()]
    network = nn.Module()
    network.model = nn.Sequential(*layers)
    network.forward = lambda x: network.model(x)
    with torch.no_grad():
        for name, p in network.named_parameters():
            p.copy_(quantize(torch.randn_like(p) * 0.02 if p.dim() == 4 else 0.1 * torch.randn_like(p)))
    return network


def state(module):
    return [encode_exact(name, p.detach()) for name, p in module.state_dict().items()]


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    x = randn(1, 2, 3, 4).requires_grad_(True)
    padded = F.pad(x, (2, 1, 2, 0), mode="reflect")
    w = weight_for(padded)
    (padded * w).sum().backward()
    reflection = OrderedDict(x=encode_exact("x", x), output=encode("output", padded), w=encode_exact("w", w),
                             gradient=encode("gradient", x.grad))

    forward, backward = resnet_generator(2, 1), resnet_generator(2, 1)
    a, b = randn(2, 1, 8, 8), randn(2, 1, 8, 8)
    output = forward(a)
    cycle = 10 * F.l1_loss(backward(forward(a)), a) + 10 * F.l1_loss(forward(backward(b)), b)
    identity = 0.5 * (10 * F.l1_loss(forward(b), b) + 10 * F.l1_loss(backward(a), a))
    grads = torch.autograd.grad(cycle + identity, list(forward.parameters()))
    fixture = OrderedDict(
        torchVersion=torch.__version__, reflectionPad=reflection,
        generator=state(forward), generatorBA=state(backward), a=encode_exact("a", a), b=encode_exact("b", b),
        output=encode("output", output), cycle=float(f"{cycle.item():.8g}"), identity=float(f"{identity.item():.8g}"),
        gradients=[encode(name, g) for (name, _), g in zip(forward.named_parameters(), grads)])
    with open(OUT, "w") as f:
        json.dump(fixture, f)
        f.write("\n")
    print(f"{os.path.relpath(OUT, ROOT)}: {os.path.getsize(OUT) / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
