#!/usr/bin/env python3
"""Writes the PyTorch reference values for the semi-supervised GAN (Salimans et al. 2016) and weight normalization.

Run from the repository root with the CPU build of PyTorch:

    <venv>/bin/python Scripts/make_semigan_fixtures.py

The output is deterministic (fixed seed, one thread). It writes Tests/LatentModelsTests/Fixtures/semigan.json with
the conventions of make_pytorch_fixtures.py: a tensor is {"name", "shape", "values"}; inputs and parameters are
rounded to 6 significant digits before use, outputs and gradients are written with 8.

Contents:
  k_plus_one      for K = 4 class logits of labelled, unlabelled and generated batches (one case of ordinary
                  logits, one of logits near 100, where exp overflows a naive Z/(Z+1)): with Z = sum_k exp(l_k),
                    labelled    cross-entropy of the labelled logits            (mean over the batch)
                    unlabelled  -1/2 mean log(Z/(Z+1)) on the unlabelled logits = 1/2 mean softplus(-log Z)
                    fake        -1/2 mean log(1/(Z+1)) on the generated logits  = 1/2 mean softplus(log Z)
                  each computed from log Z = logsumexp(l), with its gradient with respect to its logits, and the
                  probabilities Z/(Z+1) of the unlabelled batch
  feature_matching  features f = relu(Linear(5, 4)) with the layer's state dict, real and fake batches [3, 5]:
                  ||mean f(fake) - mean f(real)||^2 and its gradient with respect to the fake batch
  weight_norm     torch.nn.utils.weight_norm(Linear(5, 3)) with dim 0 and with dim None: the state dict (keys in
                  order), input [4, 5], output, and the gradients of sum(output * w) with respect to weight_g,
                  weight_v, bias and the input
  multi_label     the multi-label discriminator's losses for K = 3 binary attributes, whose logits [N, K + 1] hold
                  the K attribute logits and then the real/fake logit s:
                    labelled    BCEWithLogitsLoss of the labelled batch's attribute logits against 0/1 targets
                    unlabelled  1/2 mean softplus(-s) on the unlabelled batch
                    fake        1/2 mean softplus(s) on the generated batch
                  each with its gradient with respect to its batch's logits
"""

import json
import os
import sys
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_pytorch_fixtures import encode, encode_exact, randn, weight_for  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "LatentModelsTests", "Fixtures", "semigan.json")


def k_plus_one_case(name, shift):
    labelled = randn(5, 4, scale=2.0, shift=shift).requires_grad_()
    labels = torch.tensor([0, 3, 1, 2, 3])
    unlabelled = randn(6, 4, scale=2.0, shift=shift).requires_grad_()
    fake = randn(6, 4, scale=2.0, shift=shift).requires_grad_()
    loss_labelled = F.cross_entropy(labelled, labels)
    log_z_unlabelled = torch.logsumexp(unlabelled, dim=1)
    loss_unlabelled = 0.5 * F.softplus(-log_z_unlabelled).mean()
    loss_fake = 0.5 * F.softplus(torch.logsumexp(fake, dim=1)).mean()
    # The same in the Z/(Z+1) form, in float64 where it does not overflow, as a check of the identity.
    if shift == 0:
        z = unlabelled.detach().double().exp().sum(1)
        assert abs(-0.5 * torch.log(z / (z + 1)).mean().item() - loss_unlabelled.item()) < 1e-6
        zf = fake.detach().double().exp().sum(1)
        assert abs(-0.5 * torch.log(1 / (zf + 1)).mean().item() - loss_fake.item()) < 1e-6
    grads = [torch.autograd.grad(loss, x)[0] for loss, x in
             [(loss_labelled, labelled), (loss_unlabelled, unlabelled), (loss_fake, fake)]]
    return OrderedDict(
        name=name, labelled=encode_exact("labelled", labelled), labels=labels.tolist(),
        unlabelled=encode_exact("unlabelled", unlabelled), fake=encode_exact("fake", fake),
        loss_labelled=loss_labelled.item(), loss_unlabelled=loss_unlabelled.item(), loss_fake=loss_fake.item(),
        grad_labelled=encode("grad_labelled", grads[0]), grad_unlabelled=encode("grad_unlabelled", grads[1]),
        grad_fake=encode("grad_fake", grads[2]),
        real_probabilities=encode("real_probabilities", torch.sigmoid(log_z_unlabelled)))


def feature_matching():
    layer = nn.Linear(5, 4)
    with torch.no_grad():
        layer.weight.copy_(randn(4, 5))
        layer.bias.copy_(randn(4))
    real = randn(3, 5)
    fake = randn(3, 5).requires_grad_()
    value = (F.relu(layer(fake)).mean(0) - F.relu(layer(real)).mean(0)).square().sum()
    grad = torch.autograd.grad(value, fake)[0]
    return OrderedDict(
        state_dict=[encode_exact(k, v) for k, v in layer.state_dict().items()], real=encode_exact("real", real),
        fake=encode_exact("fake", fake), value=value.item(), fake_gradient=encode("fake_gradient", grad))


def weight_norm_case(dim):
    layer = nn.Linear(5, 3)
    with torch.no_grad():
        layer.weight.copy_(randn(3, 5))
        layer.bias.copy_(randn(3))
    layer = torch.nn.utils.weight_norm(layer, dim=dim)
    with torch.no_grad():
        layer.weight_g.copy_(randn(*layer.weight_g.shape, scale=0.5, shift=1.0))
    x = randn(4, 5).requires_grad_()
    out = layer(x)
    w = weight_for(out)
    grads = torch.autograd.grad((out * w).sum(), [layer.weight_g, layer.weight_v, layer.bias, x])
    return OrderedDict(
        dim=dim, state_dict=[encode_exact(k, v) for k, v in layer.state_dict().items()], input=encode_exact("input", x),
        output=encode("output", out), w=encode_exact("w", w),
        grad_weight_g=encode("grad_weight_g", grads[0]), grad_weight_v=encode("grad_weight_v", grads[1]),
        grad_bias=encode("grad_bias", grads[2]), grad_input=encode("grad_input", grads[3]))


def multi_label():
    labelled = randn(5, 4, scale=2.0).requires_grad_()
    targets = torch.tensor([[1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0], [1, 1, 1]], dtype=torch.float32)
    unlabelled = randn(6, 4, scale=2.0).requires_grad_()
    fake = randn(6, 4, scale=2.0).requires_grad_()
    loss_labelled = F.binary_cross_entropy_with_logits(labelled[:, :3], targets)
    loss_unlabelled = 0.5 * F.softplus(-unlabelled[:, 3]).mean()
    loss_fake = 0.5 * F.softplus(fake[:, 3]).mean()
    grads = [torch.autograd.grad(loss, x)[0] for loss, x in
             [(loss_labelled, labelled), (loss_unlabelled, unlabelled), (loss_fake, fake)]]
    return OrderedDict(
        labelled=encode_exact("labelled", labelled), targets=encode_exact("targets", targets),
        unlabelled=encode_exact("unlabelled", unlabelled), fake=encode_exact("fake", fake),
        loss_labelled=loss_labelled.item(), loss_unlabelled=loss_unlabelled.item(), loss_fake=loss_fake.item(),
        grad_labelled=encode("grad_labelled", grads[0]), grad_unlabelled=encode("grad_unlabelled", grads[1]),
        grad_fake=encode("grad_fake", grads[2]))


def main():
    torch.manual_seed(16)
    torch.set_num_threads(1)
    fixture = OrderedDict(
        k_plus_one=[k_plus_one_case("ordinary", 0.0), k_plus_one_case("large", 100.0)],
        feature_matching=feature_matching(),
        weight_norm=[weight_norm_case(0), weight_norm_case(None)],
        multi_label=multi_label(),
    )
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
