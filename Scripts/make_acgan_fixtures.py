#!/usr/bin/env python3
"""Writes the PyTorch reference values of the AC-GAN losses (Odena et al. 2017) for Latent's conditional GAN.

Run from the repository root with the CPU build of PyTorch:

    <venv>/bin/python Scripts/make_acgan_fixtures.py

The output is deterministic (fixed seed, one thread). It writes Tests/LatentModelsTests/Fixtures/acgan.json
with the conventions of make_pytorch_fixtures.py: a tensor is {"name", "shape", "values"}; inputs are rounded
to 6 significant digits before use, outputs and gradients are written with 8.

Contents, for a batch of 5 real and 5 fake samples and 4 classes:
  real_source, fake_source   the source head's logits [5, 1]
  real_class, fake_class     the class head's logits [5, 4]
  real_labels, fake_labels   the data's labels and the classes the fake samples were generated for
  d_loss        BCE-with-logits(real_source, 1) + BCE-with-logits(fake_source, 0)
                + CE(real_class, real_labels) + CE(fake_class, fake_labels)
  d_class_loss  the two cross-entropy terms of d_loss
  d_real_class_loss  CE(real_class, real_labels) alone (acgan --option d_fake_class_loss=false)
  d_grad_*      the gradients of d_loss with respect to each of the four logit tensors
  g_loss        BCE-with-logits(fake_source, 1) + CE(fake_class, fake_labels) (the non-saturating source loss)
  g_class_loss  the cross-entropy term of g_loss
  g_grad_*      the gradients of g_loss with respect to fake_source and fake_class
"""

import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_pytorch_fixtures import encode, encode_exact, randn  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "LatentModelsTests", "Fixtures", "acgan.json")


def bce_logits(x, target):
    return F.binary_cross_entropy_with_logits(x, torch.full_like(x, target))


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    inputs = {
        "real_source": randn(5, 1, scale=2.0),
        "fake_source": randn(5, 1, scale=2.0),
        "real_class": randn(5, 4, scale=2.0),
        "fake_class": randn(5, 4, scale=2.0),
    }
    real_labels = [2, 0, 3, 1, 2]
    fake_labels = [1, 1, 0, 3, 2]
    leaves = {name: t.clone().requires_grad_(True) for name, t in inputs.items()}

    d_class = F.cross_entropy(leaves["real_class"], torch.tensor(real_labels)) \
        + F.cross_entropy(leaves["fake_class"], torch.tensor(fake_labels))
    d_loss = bce_logits(leaves["real_source"], 1.0) + bce_logits(leaves["fake_source"], 0.0) + d_class
    d_grads = torch.autograd.grad(d_loss, list(leaves.values()))
    d_real_class = F.cross_entropy(inputs["real_class"], torch.tensor(real_labels))

    g_leaves = {name: inputs[name].clone().requires_grad_(True) for name in ["fake_source", "fake_class"]}
    g_class = F.cross_entropy(g_leaves["fake_class"], torch.tensor(fake_labels))
    g_loss = bce_logits(g_leaves["fake_source"], 1.0) + g_class
    g_grads = torch.autograd.grad(g_loss, list(g_leaves.values()))

    fixture = {
        "inputs": [encode_exact(name, t) for name, t in inputs.items()],
        "realLabels": real_labels,
        "fakeLabels": fake_labels,
        "dLoss": d_loss.item(),
        "dClassLoss": d_class.item(),
        "dRealClassLoss": d_real_class.item(),
        "dGradients": [encode("d_grad_" + name, g) for name, g in zip(leaves, d_grads)],
        "gLoss": g_loss.item(),
        "gClassLoss": g_class.item(),
        "gGradients": [encode("g_grad_" + name, g) for name, g in zip(g_leaves, g_grads)],
        "torch": torch.__version__,
    }
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
