"""Writes Tests/LatentModelsTests/Fixtures/rbm.json: PyTorch reference values for the RBM tests (RBMTests.swift).

A small RBM (6 visible, 4 hidden) with the usual PyTorch RBM parameters (W [hidden, visible], v_bias, h_bias):
free energies of a batch for Bernoulli and Gaussian visible units, the gradients by autograd of
mean F(data) - mean F(negative) (the CD update with the negative states held fixed), and log Z by brute-force
enumeration of every visible and hidden configuration (Bernoulli) or of the hidden ones with the Gaussian
integral done in closed form (Gaussian).
Run with <venv>/bin/python Scripts/make_rbm_fixtures.py.
"""
import itertools
import json
import math
import pathlib

import torch
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/LatentModelsTests/Fixtures/rbm.json"
torch.manual_seed(2008)
VISIBLE, HIDDEN = 6, 4


def free_energy(v, W, v_bias, h_bias, gaussian):
    hidden = F.softplus(F.linear(v, W, h_bias)).sum(1)
    if gaussian:
        return 0.5 * ((v - v_bias) ** 2).sum(1) - hidden
    return -(v @ v_bias) - hidden


def tensor(name, t):
    t = t.detach().to(torch.float64)
    return {"name": name, "shape": list(t.shape), "values": t.flatten().tolist()}


def f32(t):
    return t.to(torch.float32).to(torch.float64).to(torch.float32)


W = f32(torch.randn(HIDDEN, VISIBLE) * 0.8)
v_bias = f32(torch.randn(VISIBLE) * 0.5)
h_bias = f32(torch.randn(HIDDEN) * 0.5)
data = torch.bernoulli(torch.full((5, VISIBLE), 0.5))
negative = torch.bernoulli(torch.full((3, VISIBLE), 0.5))
real = f32(torch.randn(5, VISIBLE))

cases = {}
for gaussian in (False, True):
    params = [p.clone().requires_grad_(True) for p in (W, v_bias, h_bias)]
    positive = real if gaussian else data
    neg = f32(torch.randn(3, VISIBLE)) if gaussian else negative
    energies = free_energy(positive, *params, gaussian)
    loss = energies.mean() - free_energy(neg, *params, gaussian).mean()
    loss.backward()
    p64 = [p.detach().to(torch.float64) for p in params]
    if gaussian:
        terms = []
        for h in itertools.product([0.0, 1.0], repeat=HIDDEN):
            h = torch.tensor(h, dtype=torch.float64)
            mean = p64[1] + h @ p64[0]
            terms.append(h @ p64[2] + 0.5 * (mean @ mean) - 0.5 * (p64[1] @ p64[1]))
        log_z = torch.logsumexp(torch.stack(terms), 0).item() + VISIBLE / 2 * math.log(2 * math.pi)
    else:
        terms = []
        for v in itertools.product([0.0, 1.0], repeat=VISIBLE):
            for h in itertools.product([0.0, 1.0], repeat=HIDDEN):
                v_, h_ = torch.tensor(v, dtype=torch.float64), torch.tensor(h, dtype=torch.float64)
                terms.append(v_ @ p64[1] + h_ @ p64[2] + h_ @ p64[0] @ v_)
        log_z = torch.logsumexp(torch.stack(terms), 0).item()
    cases["gaussian" if gaussian else "bernoulli"] = {
        "positive": tensor("positive", positive),
        "negative": tensor("negative", neg),
        "free_energy": energies.detach().tolist(),
        "gap": loss.item(),
        "gradients": [tensor(n, p.grad) for n, p in zip(("W", "v_bias", "h_bias"), params)],
        "log_z": log_z,
    }

fixture = {
    "torch": torch.__version__,
    "state_dict": [tensor("W", W), tensor("v_bias", v_bias), tensor("h_bias", h_bias)],
    "cases": cases,
}
OUT.write_text(json.dumps(fixture, indent=1) + "\n")
print("wrote", OUT)
