#!/usr/bin/env python3
"""Writes the PyTorch reference values of the self-supervised GAN losses: SS-GAN's rotation losses
(Chen et al. 2019) and the NT-Xent loss of the contrastive discriminator.

Run from the repository root with the CPU build of PyTorch:

    <venv>/bin/python Scripts/make_selfsup_fixtures.py

The output is deterministic (fixed seed, one thread). It writes Tests/LatentModelsTests/Fixtures/selfsup.json
with the conventions of make_pytorch_fixtures.py: a tensor is {"name", "shape", "values"}; inputs and
parameters are rounded to 6 significant digits before use, outputs and gradients are written with 8.

Contents:
  rotation: a discriminator on 1x4x4 images, nn.Sequential(Conv2d(1, 2, 3, padding=1), LeakyReLU(0.2),
    Flatten(), Linear(32, 3), LeakyReLU(0.2), Linear(3, 1)), whose features are the output of the second
    LeakyReLU, with a rotation head Linear(3, 4) on them; "state" is its state dict (the trunk's keys as
    nn.Sequential names them, the head's under rotation.);
    real, fake: batches of 3 images; each is turned by torch.rot90(x, k, dims=[2, 3]) for k = 0, 1, 2, 3,
    each turn judged as a batch of its own, and the rotation loss is the cross-entropy of the head's logits
    on the 12 images against k;
    d_loss = 1.0 * rotation loss on real (β = 1), with its gradients with respect to real, the head's
    weight and the first convolution's weight;
    g_loss = 0.2 * rotation loss on fake (α = 0.2), with its gradient with respect to fake;
    d_accuracy: the share of the 12 real images whose logits' argmax is their turn.
  ntxent: cases of NT-Xent over two views first, second [N, d] with cosine similarities (F.normalize) and
    temperature tau, each view an anchor whose positive is the other view of its image and whose
    negatives are the other 2N - 2 views and every row of "negatives" (absent in the case without);
    loss is the mean over the 2N anchors; gradients with respect to first, second and negatives.
"""

import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_pytorch_fixtures import encode, encode_exact, quantize, randn  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "LatentModelsTests", "Fixtures", "selfsup.json")


class RotationDiscriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.LeakyReLU(0.2), nn.Flatten(),
                                   nn.Linear(32, 3), nn.LeakyReLU(0.2), nn.Linear(3, 1))
        self.rotation = nn.Linear(3, 4)

    def rotation_logits(self, x):
        return self.rotation(self.trunk[:5](x))

    def state(self):
        named = {"" + k: v for k, v in self.trunk.state_dict().items()}
        named.update({"rotation." + k: v for k, v in self.rotation.state_dict().items()})
        return named


def rotation_loss(d, x):
    logits = torch.cat([d.rotation_logits(torch.rot90(x, k, dims=[2, 3])) for k in range(4)])
    labels = torch.arange(4).repeat_interleave(x.shape[0])
    return F.cross_entropy(logits, labels), (logits.argmax(1) == labels).double().mean().item()


def rotation_case():
    d = RotationDiscriminator()
    with torch.no_grad():
        for p in d.parameters():
            p.copy_(quantize(p * 3))
    real = randn(3, 1, 4, 4).requires_grad_(True)
    fake = randn(3, 1, 4, 4).requires_grad_(True)
    d_rotation, accuracy = rotation_loss(d, real)
    d_loss = 1.0 * d_rotation
    grads = torch.autograd.grad(d_loss, [real, d.rotation.weight, d.trunk[0].weight])
    g_loss = 0.2 * rotation_loss(d, fake)[0]
    (fake_grad,) = torch.autograd.grad(g_loss, [fake])
    return {
        "state": [encode_exact(k, v) for k, v in d.state().items()],
        "real": encode_exact("real", real),
        "fake": encode_exact("fake", fake),
        "dLoss": d_loss.item(),
        "dAccuracy": accuracy,
        "dGradients": [encode(name, g) for name, g in zip(["real", "rotation.weight", "0.weight"], grads)],
        "gLoss": g_loss.item(),
        "gGradient": encode("fake", fake_grad),
    }


def nt_xent(first, second, negatives, tau):
    anchors = F.normalize(torch.cat([first, second]), dim=1)
    candidates = anchors if negatives is None else torch.cat([anchors, F.normalize(negatives, dim=1)])
    logits = anchors @ candidates.t() / tau
    n = first.shape[0]
    mask = torch.zeros_like(logits)
    mask[torch.arange(2 * n), torch.arange(2 * n)] = float("-inf")
    positives = (torch.arange(2 * n) + n) % (2 * n)
    return F.cross_entropy(logits + mask, positives)


def ntxent_case(name, n, d, m, tau):
    first, second = randn(n, d).requires_grad_(True), randn(n, d).requires_grad_(True)
    negatives = randn(m, d).requires_grad_(True) if m > 0 else None
    loss = nt_xent(first, second, negatives, tau)
    leaves = [first, second] + ([negatives] if negatives is not None else [])
    grads = torch.autograd.grad(loss, leaves)
    case = {
        "name": name, "temperature": tau,
        "first": encode_exact("first", first), "second": encode_exact("second", second),
        "loss": loss.item(), "gradients": [encode(f"grad_{i}", g) for i, g in enumerate(grads)],
    }
    if negatives is not None:
        case["negatives"] = encode_exact("negatives", negatives)
    return case


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    fixture = {
        "rotation": rotation_case(),
        "ntxent": [ntxent_case("fakes as negatives, tau 0.5", 4, 5, 3, 0.5),
                   ntxent_case("no negatives, tau 0.1", 3, 6, 0, 0.1),
                   ntxent_case("fakes as negatives, tau 2", 2, 4, 5, 2.0)],
        "torch": torch.__version__,
    }
    with open(OUT, "w") as f:
        f.write(json.dumps(fixture, indent=1) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
