#!/usr/bin/env python3
"""Writes the PyTorch reference values of InfoGAN's information loss (Chen et al. 2016) for Latent's `infogan`.

Run from the repository root with the CPU build of PyTorch:

    <venv>/bin/python Scripts/make_infogan_fixtures.py

The output is deterministic (fixed seed, one thread). It writes Tests/LatentModelsTests/Fixtures/infogan.json
with the conventions of make_pytorch_fixtures.py: a tensor is {"name", "shape", "values"}; inputs and parameters
are rounded to 6 significant digits before use, outputs and gradients are written with 8.

The nets are small stand-ins with the structure of Latent's InfoGANDiscriminator: a generator
Linear(width, 8) + Tanh whose 8 outputs are the "images"; a trunk Linear(8, 6) + LeakyReLU(0.2); the score
Linear(6, 1); Q = Linear(6, 4, bias=False), BatchNorm1d(4) (training mode), LeakyReLU(0.2), Linear(4, outputs).
The prior has 3 noise values, two categorical codes of 3 and 2 values and 2 continuous codes; Q learns the
continuous codes' log standard deviations. For a batch of 5 latent vectors (noise, one-hots, codes):
  generator, discriminator   state dicts (PyTorch keys: trunk.0.*, score.*, q.0.*, q.1.*, q.3.*)
  latents                    [5, 3 + 3 + 2 + 2]
  categorical, continuous    the loss's parts: CE summed over the two codes; Gaussian NLL summed over the codes
  loss                       1.0 * categorical + 0.5 * continuous (lambda_cat 1, lambda_cont 0.5)
  g_grad_*                   the loss's gradients into G's parameters (through D and Q)
  d_grad_*                   the loss's gradients into D's parameters on the detached samples (trunk and Q;
                             the score gets none)
"""

import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_pytorch_fixtures import encode, encode_exact, quantize, randn  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "LatentModelsTests", "Fixtures", "infogan.json")
NOISE, CATEGORICAL, CONTINUOUS = 3, [3, 2], 2
WIDTH = NOISE + sum(CATEGORICAL) + CONTINUOUS


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(8, 6), nn.LeakyReLU(0.2))
        self.score = nn.Linear(6, 1)
        self.q = nn.Sequential(nn.Linear(6, 4, bias=False), nn.BatchNorm1d(4), nn.LeakyReLU(0.2),
                               nn.Linear(4, sum(CATEGORICAL) + 2 * CONTINUOUS))

    def forward(self, x):
        features = self.trunk(x)
        return self.score(features), self.q(features)


def information_loss(q, categories, codes):
    """The categorical codes' summed cross-entropy and the continuous codes' summed Gaussian NLL."""
    start, categorical = 0, 0
    for size, labels in zip(CATEGORICAL, categories):
        categorical = categorical + F.cross_entropy(q[:, start:start + size], torch.tensor(labels))
        start += size
    mean, log_std = q[:, start:start + CONTINUOUS], q[:, start + CONTINUOUS:]
    nll = log_std + 0.5 * math.log(2 * math.pi) + 0.5 * ((codes - mean) * torch.exp(-log_std)) ** 2
    return categorical, nll.sum(1).mean()


def quantized(module):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(quantize(p * 2))
    return module


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    generator = quantized(nn.Sequential(nn.Linear(WIDTH, 8), nn.Tanh()))
    discriminator = quantized(Discriminator())
    categories = [[0, 2, 1, 1, 0], [1, 0, 0, 1, 1]]
    codes = quantize(torch.rand(5, CONTINUOUS) * 2 - 1)
    one_hots = [F.one_hot(torch.tensor(labels), size).float() for size, labels in zip(CATEGORICAL, categories)]
    latents = torch.cat([randn(5, NOISE)] + one_hots + [codes], 1)
    state = {"generator": generator.state_dict(), "discriminator": discriminator.state_dict()}

    images = generator(latents)
    _, q = discriminator(images)
    categorical, continuous = information_loss(q, categories, codes)
    loss = categorical + 0.5 * continuous
    g_params = dict(generator.named_parameters())
    g_grads = torch.autograd.grad(loss, list(g_params.values()))

    discriminator.load_state_dict(state["discriminator"])  # the running statistics as before the first pass
    _, q = discriminator(images.detach())
    d_categorical, d_continuous = information_loss(q, categories, codes)
    d_params = {n: p for n, p in discriminator.named_parameters() if not n.startswith("score")}
    d_grads = torch.autograd.grad(d_categorical + 0.5 * d_continuous, list(d_params.values()))

    fixture = {
        "generator": [encode_exact(n, t) for n, t in state["generator"].items()],
        "discriminator": [encode_exact(n, t) for n, t in state["discriminator"].items() if t.dtype.is_floating_point],
        "latents": encode_exact("latents", latents),
        "categorical": categorical.item(),
        "continuous": continuous.item(),
        "loss": loss.item(),
        "gGradients": [encode(n, g) for n, g in zip(g_params, g_grads)],
        "dGradients": [encode(n, g) for n, g in zip(d_params, d_grads)],
        "torch": torch.__version__,
    }
    with open(OUT, "w") as f:
        json.dump(fixture, f)
        f.write("\n")


if __name__ == "__main__":
    main()
