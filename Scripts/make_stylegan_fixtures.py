#!/usr/bin/env python3
"""Writes the PyTorch reference values of StyleGAN's style operations (Karras et al. 2019, 2020).

Run from the repository root with the CPU build of PyTorch:

    <venv>/bin/python Scripts/make_stylegan_fixtures.py

The output is deterministic (fixed seed, one thread). It writes the operations (adain, modulated) to
Tests/LatentNNTests/Fixtures/stylegan.json and the latent manipulations (truncation, tracking, mixing) to
Tests/LatentModelsTests/Fixtures/stylegan.json, with the conventions of make_pytorch_fixtures.py: a tensor is {"name", "shape", "values"}; inputs are
rounded to 6 significant digits before use, outputs and gradients are written with 8; "gradients" holds
d/dinput of sum(output * w) for every input in order, with the random "w" given in the case.

Contents:
  adain: AdaIN of x [2, 3, 4, 5] with scale and bias [2, 3]: each channel of each sample normalized over
    its spatial axes with the biased variance and eps 1e-8, times scale, plus bias; gradients with respect
    to x, scale and bias.
  modulated: StyleGAN2's modulated convolution, cases "demodulated" (3x3, padding 1) and "modulated" (1x1,
    no demodulation) of x [2, 3, 5, 5] (in channels 3, out channels 4) with weight [4, 3, k, k] and styles
    [2, 3]: w[n] = weight * styles[n] per input channel, divided by sqrt(sum(w[n]^2) + 1e-8) per output
    channel when demodulating, applied sample by sample; computed here as one grouped F.conv2d, and checked
    against a per-sample loop of plain convolutions; gradients with respect to x, weight and styles.
  truncation: w [3, 4], w_avg [4], psi 0.7: w_avg + psi * (w - w_avg) (torch.lerp(w_avg, w, psi)).
  tracking: w_avg [4] after one training pass over w [3, 4] with beta 0.995:
    w.mean(0).lerp(w_avg, beta), as StyleGAN2-ADA's mapping network updates it.
  mixing: per-layer styles of w1, w2 [2, 4] for 6 layers crossed over at layer 2, as StyleGAN2-ADA's
    ws[:, cutoff:] = w2[:, cutoff:], stacked [2, 6, 4].
"""

import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_pytorch_fixtures import encode, encode_exact, randn, uniform  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPERATIONS = os.path.join(ROOT, "Tests", "LatentNNTests", "Fixtures", "stylegan.json")
LATENTS = os.path.join(ROOT, "Tests", "LatentModelsTests", "Fixtures", "stylegan.json")


def gradients(output, inputs):
    w = uniform(*output.shape, low=0.5, high=1.5)
    grads = torch.autograd.grad((output * w).sum(), inputs)
    return w, grads


def adain(x, scale, bias, eps=1e-8):
    mean = x.mean(dim=(2, 3), keepdim=True)
    var = x.var(dim=(2, 3), unbiased=False, keepdim=True)
    return (x - mean) / torch.sqrt(var + eps) * scale[:, :, None, None] + bias[:, :, None, None]


def modulated_conv(x, weight, styles, demodulate, padding, eps=1e-8):
    n, cin, h, wd = x.shape
    cout = weight.shape[0]
    w = weight[None] * styles[:, None, :, None, None]
    if demodulate:
        w = w / torch.sqrt((w * w).sum(dim=(2, 3, 4), keepdim=True) + eps)
    y = F.conv2d(x.reshape(1, n * cin, h, wd), w.reshape(n * cout, cin, *weight.shape[2:]), padding=padding, groups=n)
    return y.reshape(n, cout, *y.shape[2:]), w


def adain_case():
    x = randn(2, 3, 4, 5, scale=2.0, shift=0.5).requires_grad_()
    scale = randn(2, 3).requires_grad_()
    bias = randn(2, 3).requires_grad_()
    out = adain(x, scale, bias)
    w, grads = gradients(out, [x, scale, bias])
    return {"x": encode_exact("x", x), "scale": encode_exact("scale", scale), "bias": encode_exact("bias", bias),
            "output": encode("output", out), "w": encode_exact("w", w),
            "gradients": [encode(n, g) for n, g in zip(["x", "scale", "bias"], grads)]}


def modulated_case(name, kernel, demodulate):
    padding = kernel // 2
    x = randn(2, 3, 5, 5).requires_grad_()
    weight = randn(4, 3, kernel, kernel).requires_grad_()
    styles = uniform(2, 3, low=0.5, high=1.5).requires_grad_()
    out, per_sample = modulated_conv(x, weight, styles, demodulate, padding)
    loop = torch.cat([F.conv2d(x[i:i + 1], per_sample[i], padding=padding) for i in range(2)])
    assert torch.allclose(out, loop, atol=1e-5), "grouped and per-sample convolutions differ"
    w, grads = gradients(out, [x, weight, styles])
    return {"name": name, "demodulate": demodulate, "padding": padding,
            "x": encode_exact("x", x), "weight": encode_exact("weight", weight), "styles": encode_exact("styles", styles),
            "output": encode("output", out), "w": encode_exact("w", w),
            "gradients": [encode(n, g) for n, g in zip(["x", "weight", "styles"], grads)]}


def truncation_case():
    w = randn(3, 4)
    w_avg = randn(4)
    psi = 0.7
    return {"w": encode_exact("w", w), "w_avg": encode_exact("w_avg", w_avg), "psi": psi,
            "output": encode("output", torch.lerp(w_avg, w, psi))}


def tracking_case():
    w = randn(3, 4)
    w_avg = randn(4)
    beta = 0.995
    return {"w": encode_exact("w", w), "w_avg": encode_exact("w_avg", w_avg), "beta": beta,
            "output": encode("output", w.mean(0).lerp(w_avg, beta))}


def mixing_case():
    w1 = randn(2, 4)
    w2 = randn(2, 4)
    cutoff, layers = 2, 6
    ws = w1[:, None, :].repeat(1, layers, 1)
    ws[:, cutoff:] = w2[:, None, :].repeat(1, layers, 1)[:, cutoff:]
    return {"first": encode_exact("first", w1), "second": encode_exact("second", w2), "crossover": cutoff,
            "layers": layers, "output": encode("output", ws)}


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    operations = {"torch": torch.__version__, "adain": adain_case(),
                  "modulated": [modulated_case("demodulated", 3, True), modulated_case("modulated", 1, False)]}
    latents = {"torch": torch.__version__, "truncation": truncation_case(), "tracking": tracking_case(), "mixing": mixing_case()}
    for path, fixture in [(OPERATIONS, operations), (LATENTS, latents)]:
        with open(path, "w") as f:
            json.dump(fixture, f)
            f.write("\n")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
