#!/usr/bin/env python3
"""Writes the PyTorch reference values of ClusterGAN's cycle loss and BiGAN's joint discriminator losses.

Run from the repository root with the CPU build of PyTorch:

    <venv>/bin/python Scripts/make_encoder_gan_fixtures.py

The output is deterministic (fixed seed, one thread). It writes Tests/LatentModelsTests/Fixtures/encoder_gans.json
with the conventions of make_pytorch_fixtures.py: a tensor is {"name", "shape", "values"}; inputs are rounded to
6 significant digits before use, outputs and gradients are written with 8.

clusterGAN, for 5 generated "images" of 6 values, noise of 3 values (sigma 0.1) and 4 clusters:
  encoder       the state dict of E = Linear(6, 3 + 4) (names as Latent's ClusterEncoder: network.0.*)
  images        G(z), the generated images [5, 6]
  noise         the standard normal eps [5, 3] (z_n = sigma * eps)
  clusters      the one-hot code of each sample, as indices
  loss          beta_n * mean (z_n - E_n(G(z)))^2 + beta_c * CE(c, E_c(G(z))), beta_n = 10, beta_c = 10
  gradients     of loss with respect to E's parameters and to the images (what flows into G)

biGAN, for 5 real and 5 generated pairs, images of 6 values and codes of 2:
  discriminator  the state dict of D(x, z): joint = Linear(6 + 2, 4), LeakyReLU(0.2); output = Linear(4, 1)
                 (names as Latent's JointDiscriminator: joint.0.*, output.*)
  encoder        E = Linear(6, 2) (names encoder.0.*); generator G = Linear(2, 6) (names generator.0.*)
  x, z           the real images [5, 6] and the codes drawn for the generator [5, 2]
  d_loss         BCE-with-logits(D(x, E(x)), 1) + BCE-with-logits(D(G(z), z), 0), samples detached
  d_gradients    of d_loss with respect to D's parameters
  ge_loss        the same loss with the labels swapped, for the generator and the encoder
  ge_gradients   of ge_loss with respect to E's and G's parameters
"""

import json
import os
import sys
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_pytorch_fixtures import encode, encode_exact, quantize, randn  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "LatentModelsTests", "Fixtures", "encoder_gans.json")


def quantized(module):
    """The module with every parameter rounded as the fixture stores it."""
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(quantize(p))
    return module


def state(prefix, module):
    return [encode_exact(prefix + name, p.detach()) for name, p in module.state_dict().items()]


def named_grads(prefix, module, grads):
    return [encode(prefix + name, g) for (name, _), g in zip(module.named_parameters(), grads)]


def cluster_gan():
    sigma, beta_n, beta_c = 0.1, 10.0, 10.0
    encoder = quantized(nn.Sequential(nn.Linear(6, 3 + 4)))
    images = randn(5, 6).requires_grad_(True)
    noise = randn(5, 3)
    clusters = [2, 0, 3, 1, 2]
    out = encoder(images)
    loss = beta_n * F.mse_loss(out[:, :3], sigma * noise) + beta_c * F.cross_entropy(out[:, 3:], torch.tensor(clusters))
    params = list(encoder.parameters())
    grads = torch.autograd.grad(loss, params + [images])
    return OrderedDict(
        encoder=state("network.", encoder), images=encode_exact("images", images.detach()),
        noise=encode_exact("noise", noise), clusters=clusters, sigma=sigma, betaN=beta_n, betaC=beta_c,
        loss=loss.item(), gradients=named_grads("network.", encoder, grads[:-1]),
        imageGradient=encode("images", grads[-1]))


class Joint(nn.Module):
    def __init__(self):
        super().__init__()
        self.joint = nn.Sequential(nn.Linear(6 + 2, 4), nn.LeakyReLU(0.2))
        self.output = nn.Linear(4, 1)

    def forward(self, x, z):
        return self.output(self.joint(torch.cat([x, z], dim=1)))


def bce(scores, target):
    return F.binary_cross_entropy_with_logits(scores, torch.full_like(scores, target))


def bi_gan():
    discriminator = quantized(Joint())
    encoder = quantized(nn.Sequential(nn.Linear(6, 2)))
    generator = quantized(nn.Sequential(nn.Linear(2, 6)))
    x, z = randn(5, 6), randn(5, 2)
    d_loss = bce(discriminator(x, encoder(x).detach()), 1.0) + bce(discriminator(generator(z).detach(), z), 0.0)
    d_grads = torch.autograd.grad(d_loss, list(discriminator.parameters()))
    ge_loss = bce(discriminator(generator(z), z), 1.0) + bce(discriminator(x, encoder(x)), 0.0)
    ge_params = list(encoder.parameters()) + list(generator.parameters())
    ge_grads = torch.autograd.grad(ge_loss, ge_params)
    return OrderedDict(
        discriminator=state("", discriminator), encoder=state("encoder.", encoder), generator=state("generator.", generator),
        x=encode_exact("x", x), z=encode_exact("z", z), dLoss=d_loss.item(),
        dGradients=named_grads("", discriminator, d_grads), geLoss=ge_loss.item(),
        geGradients=named_grads("encoder.", encoder, ge_grads[:2]) + named_grads("generator.", generator, ge_grads[2:]))


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    fixture = OrderedDict(clusterGAN=cluster_gan(), biGAN=bi_gan(), torch=torch.__version__)
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
