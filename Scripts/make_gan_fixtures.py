#!/usr/bin/env python3
"""Writes the PyTorch reference values for the GAN objectives, regularizers and batch-comparison layers.

Run from the repository root with the CPU build of PyTorch:

    <venv>/bin/python Scripts/make_gan_fixtures.py

The committed fixture was produced by torch 2.13.0+cpu. The output is deterministic (fixed seed, one thread).
It writes Tests/LatentModelsTests/Fixtures/gan.json with the conventions of make_pytorch_fixtures.py:
a tensor is {"name", "shape", "values"}; inputs and parameters are rounded to 6 significant digits before
use (so they read back exactly), outputs and gradients are written with 8.

Contents:
  objectives      for each objective: D loss (real target 1 and 0.9 where it has one), G loss, and the
                  gradients of each loss with respect to the real and fake scores
  critic          a critic Linear(6, 5), LeakyReLU(0.2), Linear(5, 1) with its state dict, real and fake
                  batches and one alpha per sample
  gradient_penalty  10 * mean((||dC/dx(x_hat)|| - 1)^2) and its gradients for the critic's parameters
  r1              10 / 2 * mean(||dC/dx(real)||^2) and its parameter gradients
  feature_matching  ||mean f(real) - mean f(fake)||^2 with f the critic's first two layers, and its
                  gradient with respect to the fake batch
  minibatch_discrimination  weight [6, 3, 2], input [4, 6], output and gradients of sum(output * w)
  minibatch_stddev  input [4, 2, 3, 3], output and gradient of sum(output * w)
"""

import json
import os
import sys
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_pytorch_fixtures import encode, encode_exact, prepare_module, randn, uniform, weight_for  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "LatentModelsTests", "Fixtures", "gan.json")


def bce_logits(x, target):
    return F.binary_cross_entropy_with_logits(x, torch.full_like(x, target))


def bce(p, target):
    return F.binary_cross_entropy(p, torch.full_like(p, target))


def objectives(real_logits, fake_logits, real_p, fake_p):
    def ra(real, fake):
        return real - fake.mean(), fake - real.mean()

    def ra_d(real, fake, t):
        r, f = ra(real, fake)
        return bce_logits(r, t) + bce_logits(f, 0.0)

    def ra_g(real, fake):
        r, f = ra(real, fake)
        return bce_logits(f, 1.0) + bce_logits(r, 0.0)

    table = [
        ("non-saturating-logits", "logits", lambda r, f, t: bce_logits(r, t) + bce_logits(f, 0.0),
         lambda r, f: bce_logits(f, 1.0)),
        ("non-saturating-probabilities", "probabilities", lambda r, f, t: bce(r, t) + bce(f, 0.0),
         lambda r, f: bce(f, 1.0)),
        ("minimax-logits", "logits", lambda r, f, t: bce_logits(r, t) + bce_logits(f, 0.0),
         lambda r, f: -bce_logits(f, 0.0)),
        ("minimax-probabilities", "probabilities", lambda r, f, t: bce(r, t) + bce(f, 0.0),
         lambda r, f: -bce(f, 0.0)),
        ("wasserstein", "logits", lambda r, f, t: f.mean() - r.mean(), lambda r, f: -f.mean()),
        ("hinge", "logits", lambda r, f, t: F.relu(1 - r).mean() + F.relu(1 + f).mean(), lambda r, f: -f.mean()),
        ("least-squares", "logits", lambda r, f, t: 0.5 * ((r - t) ** 2).mean() + 0.5 * (f ** 2).mean(),
         lambda r, f: 0.5 * ((f - 1) ** 2).mean()),
        ("relativistic-average", "logits", ra_d, ra_g),
    ]
    cases = []
    for name, kind, d_loss, g_loss in table:
        real0, fake0 = (real_logits, fake_logits) if kind == "logits" else (real_p, fake_p)
        real, fake = real0.clone().requires_grad_(True), fake0.clone().requires_grad_(True)
        d = d_loss(real, fake, 1.0)
        d_real, d_fake = torch.autograd.grad(d, [real, fake])
        g = g_loss(real, fake)
        g_real, g_fake = torch.autograd.grad(g, [real, fake], allow_unused=True)
        g_real = torch.zeros_like(real) if g_real is None else g_real
        cases.append(OrderedDict(
            name=name, scores=kind,
            d_loss=d.item(), d_loss_smoothed=d_loss(real, fake, 0.9).item(), g_loss=g.item(),
            d_grad_real=encode("d_grad_real", d_real), d_grad_fake=encode("d_grad_fake", d_fake),
            g_grad_real=encode("g_grad_real", g_real), g_grad_fake=encode("g_grad_fake", g_fake)))
    return cases


def parameter_gradients(critic, value):
    grads = torch.autograd.grad(value, list(critic.parameters()), allow_unused=True)
    return [encode(name, torch.zeros_like(p) if g is None else g) for (name, p), g in zip(critic.named_parameters(), grads)]


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    real_logits, fake_logits = randn(5, 1, scale=2.0), randn(5, 1, scale=2.0)
    real_p, fake_p = uniform(5, 1, low=0.05, high=0.95), uniform(5, 1, low=0.05, high=0.95)

    critic = prepare_module(nn.Sequential(nn.Linear(6, 5), nn.LeakyReLU(0.2), nn.Linear(5, 1)))
    real, fake, alpha = randn(4, 6), randn(4, 6), uniform(4, 1)

    x_hat = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
    (g,) = torch.autograd.grad(critic(x_hat).sum(), x_hat, create_graph=True)
    gp = 10 * ((g.norm(2, dim=1) - 1) ** 2).mean()

    x = real.clone().requires_grad_(True)
    (g,) = torch.autograd.grad(critic(x).sum(), x, create_graph=True)
    r1 = 10 / 2 * (g ** 2).sum(dim=1).mean()

    features = critic[:2]
    fake_input = fake.clone().requires_grad_(True)
    fm = ((features(real).mean(0).detach() - features(fake_input).mean(0)) ** 2).sum()
    (fm_grad,) = torch.autograd.grad(fm, fake_input)

    md_weight, md_input = randn(6, 3, 2, scale=0.5), randn(4, 6)
    w_in, w_weight = md_input.clone().requires_grad_(True), md_weight.clone().requires_grad_(True)
    m = (w_in @ w_weight.reshape(6, 6)).reshape(4, 3, 2)
    closeness = torch.exp(-(m.unsqueeze(1) - m.unsqueeze(0)).abs().sum(3)).sum(1)
    md_out = torch.cat([w_in, closeness], 1)
    md_w = weight_for(md_out)
    md_grads = torch.autograd.grad((md_out * md_w).sum(), [w_in, w_weight])

    sd_input = randn(4, 2, 3, 3)
    s_in = sd_input.clone().requires_grad_(True)
    deviation = torch.sqrt(s_in.var(0, unbiased=False) + 1e-8).mean()
    sd_out = torch.cat([s_in, deviation.expand(4, 1, 3, 3)], 1)
    sd_w = weight_for(sd_out)
    (sd_grad,) = torch.autograd.grad((sd_out * sd_w).sum(), s_in)

    fixture = OrderedDict(
        real_logits=encode_exact("real_logits", real_logits), fake_logits=encode_exact("fake_logits", fake_logits),
        real_probabilities=encode_exact("real_probabilities", real_p),
        fake_probabilities=encode_exact("fake_probabilities", fake_p),
        objectives=objectives(real_logits, fake_logits, real_p, fake_p),
        critic=OrderedDict(
            state_dict=[encode_exact(k, v) for k, v in critic.state_dict().items()],
            real=encode_exact("real", real), fake=encode_exact("fake", fake), alpha=encode_exact("alpha", alpha)),
        gradient_penalty=OrderedDict(value=gp.item(), gradients=parameter_gradients(critic, gp)),
        r1=OrderedDict(value=r1.item(), gradients=parameter_gradients(critic, r1)),
        feature_matching=OrderedDict(value=fm.item(), fake_gradient=encode("fake_gradient", fm_grad)),
        minibatch_discrimination=OrderedDict(
            weight=encode_exact("weight", md_weight), input=encode_exact("input", md_input),
            output=encode("output", md_out), w=encode_exact("w", md_w),
            input_gradient=encode("input_gradient", md_grads[0]), weight_gradient=encode("weight_gradient", md_grads[1])),
        minibatch_stddev=OrderedDict(
            input=encode_exact("input", sd_input), output=encode("output", sd_out), w=encode_exact("w", sd_w),
            input_gradient=encode("input_gradient", sd_grad)),
    )
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
