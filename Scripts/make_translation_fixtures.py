#!/usr/bin/env python3
"""Writes the PyTorch reference values of the image-translation networks (PatchGAN discriminator, U-Net generator).

Run from the repository root with the CPU build of PyTorch:

    <venv>/bin/python Scripts/make_translation_fixtures.py

The output is deterministic (fixed seed, one thread). It writes Tests/LatentModelsTests/Fixtures/translation.json
with the conventions of make_pytorch_fixtures.py: a tensor is {"name", "shape", "values"}; inputs and parameters
are rounded to 6 significant digits before use, outputs and gradients are written with 8.

The networks are built here as pix2pix's paper and official code describe them (PyTorch state-dict names):
  patchGAN  NLayerDiscriminator: 4x4 convolutions with padding 1, nLayers of stride 2 from ndf filters doubling to
            at most 8 ndf, one of stride 1, then one to a single channel; norm and LeakyReLU(0.2) after each hidden
            convolution but the first; convolutions before batch norm have no bias.
  uNet      UnetGenerator without dropout: nested levels (model.model.1.model.3...) of LeakyReLU(0.2), a stride-2 4x4
            convolution and norm down, the level below, ReLU, a stride-2 4x4 transposed convolution and norm up, each
            level but the outermost returning its input beside its output; the outermost ends in tanh.
For each case: the state dict, the input, the output in training mode, a weight w, and the gradients of
sum(output * w) with respect to the input and to every parameter.
"""

import json
import os
import sys
from collections import OrderedDict

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_pytorch_fixtures import encode, encode_exact, prepare_module, randn, weight_for  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "LatentModelsTests", "Fixtures", "translation.json")


def norm_layer(norm, channels):
    return nn.BatchNorm2d(channels) if norm == "batch" else nn.InstanceNorm2d(channels)


def patch_gan(input_nc, ndf, n_layers, norm):
    bias = norm == "instance"
    layers = [nn.Conv2d(input_nc, ndf, 4, stride=2, padding=1), nn.LeakyReLU(0.2)]
    channels = ndf
    for n in range(1, n_layers + 1):
        nxt = ndf * min(2 ** n, 8)
        stride = 2 if n < n_layers else 1
        layers += [nn.Conv2d(channels, nxt, 4, stride=stride, padding=1, bias=bias), norm_layer(norm, nxt), nn.LeakyReLU(0.2)]
        channels = nxt
    layers.append(nn.Conv2d(channels, 1, 4, stride=1, padding=1))
    return nn.Sequential(*layers)


class UNetLevel(nn.Module):
    def __init__(self, outer, inner, norm, submodule=None, input_nc=None):
        super().__init__()
        bias = norm == "instance"
        self.outermost = input_nc is not None
        if submodule is None:
            layers = [nn.LeakyReLU(0.2), nn.Conv2d(outer, inner, 4, 2, 1, bias=bias),
                      nn.ReLU(), nn.ConvTranspose2d(inner, outer, 4, 2, 1, bias=bias), norm_layer(norm, outer)]
        elif self.outermost:
            layers = [nn.Conv2d(input_nc, inner, 4, 2, 1, bias=bias), submodule,
                      nn.ReLU(), nn.ConvTranspose2d(inner * 2, outer, 4, 2, 1), nn.Tanh()]
        else:
            layers = [nn.LeakyReLU(0.2), nn.Conv2d(outer, inner, 4, 2, 1, bias=bias), norm_layer(norm, inner), submodule,
                      nn.ReLU(), nn.ConvTranspose2d(inner * 2, outer, 4, 2, 1, bias=bias), norm_layer(norm, outer)]
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x) if self.outermost else torch.cat([x, self.model(x)], 1)


class UNet(nn.Module):
    def __init__(self, input_nc, output_nc, num_downs, ngf, norm):
        super().__init__()
        level = UNetLevel(ngf * 8, ngf * 8, norm)
        for _ in range(num_downs - 5):
            level = UNetLevel(ngf * 8, ngf * 8, norm, level)
        for multiple in (4, 2, 1):
            level = UNetLevel(ngf * multiple, ngf * multiple * 2, norm, level)
        self.model = UNetLevel(output_nc, ngf, norm, level, input_nc=input_nc)

    def forward(self, x):
        return self.model(x)


def u_net_cases():
    cases = []
    for norm, num_downs, batch in [("batch", 5, 2), ("instance", 6, 1)]:
        size = 2 ** num_downs
        network = prepared(UNet(1, 1, num_downs, 1, norm))
        settings = OrderedDict(inputChannels=1, outputChannels=1, ngf=1, numDowns=num_downs, norm=norm)
        cases.append(network_case(f"uNet-{norm}-{num_downs}", network, randn(batch, 1, size, size), settings))
    return cases


def prepared(network):
    for module in network.modules():
        if module is not network:
            prepare_module(module)
    return network


def network_case(name, network, x, settings):
    network.train()
    state = [encode_exact(key, value) for key, value in network.state_dict().items()]
    x = x.clone().requires_grad_(True)
    out = network(x)
    w = weight_for(out)
    params = [p for _, p in network.named_parameters()]
    grads = torch.autograd.grad((out * w).sum(), [x] + params)
    return OrderedDict(
        name=name, settings=settings, stateDict=state, input=encode_exact("input", x.detach()),
        output=encode("output", out), w=encode_exact("w", w), inputGradient=encode("input", grads[0]),
        parameterGradients=[encode(key, g) for (key, _), g in zip(network.named_parameters(), grads[1:])])


def patch_gan_cases():
    cases = []
    for norm, n_layers, batch, size in [("instance", 3, 1, 32), ("batch", 2, 2, 24)]:
        network = prepared(patch_gan(2, 2, n_layers, norm))
        settings = OrderedDict(inputChannels=2, ndf=2, nLayers=n_layers, norm=norm)
        cases.append(network_case(f"patchGAN-{norm}-{n_layers}", network, randn(batch, 2, size, size), settings))
    return cases


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    fixture = OrderedDict(patchGAN=patch_gan_cases(), uNet=u_net_cases(), torch=torch.__version__)
    with open(OUT, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
