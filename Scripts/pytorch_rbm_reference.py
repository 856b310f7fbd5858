"""Trains the RBM loop of `latent train rbm` in PyTorch on the bundled MNIST and prints, per epoch, the seconds of
training (wall clock and processor time), the mean reconstruction error and free energy of the test images, and at the end the AIS test
log-likelihood: the PyTorch figures that docs/rbm.md and BENCHMARKS.md put beside Latent's.

The loop: 784 x HIDDEN RBM (W [hidden, visible] ~ N(0, 0.01^2), zero biases), each batch of 100 binarized
stochastically (each pixel 1 with probability its grey value), CD-k negative phase from the data, gradients
mean F(data) - mean F(negative) (by hand, as Latent), weight decay 0.0002 on W, torch.optim.SGD(lr 0.05,
momentum 0.9), the rate falling linearly to 0 over the last DECAY_EPOCHS epochs' updates when asked (Latent's
`n_steps` / `n_steps_decay` rule, through LambdaLR). AIS: base-rate model of the training images, Salakhutdinov & Murray's spacing of the inverse
temperatures, RUNS runs. Developers only:
<venv>/bin/python Scripts/pytorch_rbm_reference.py [--epochs 1] [--k 1] [--hidden 500] [--threads 2] [--ais-distributions 14500]
    [--decay-epochs 0]
"""
import argparse
import gzip
import math
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

DATA = Path(__file__).resolve().parent.parent / "Data" / "mnist"


def images(name):
    with gzip.open(DATA / name) as handle:
        raw = handle.read()
    return torch.from_numpy(np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255)


def free_energy(v, W, v_bias, h_bias, hidden_input=None):
    hidden_input = F.linear(v, W, h_bias) if hidden_input is None else hidden_input
    return -(v @ v_bias) - F.softplus(hidden_input).sum(1)


def cd_step(v0, W, v_bias, h_bias, k):
    positive_input = F.linear(v0, W, h_bias)
    negative, negative_input = v0, positive_input
    for _ in range(k):
        h = torch.bernoulli(torch.sigmoid(negative_input))
        negative = torch.bernoulli(torch.sigmoid(h @ W + v_bias))
        negative_input = F.linear(negative, W, h_bias)
    p_pos, p_neg = torch.sigmoid(positive_input), torch.sigmoid(negative_input)
    n = v0.shape[0]
    grad_W = (p_neg.t() @ negative - p_pos.t() @ v0) / n
    return grad_W, negative.mean(0) - v0.mean(0), p_neg.mean(0) - p_pos.mean(0)


def linear_decay(optimizer, constant, decay):
    """Latent's LinearDecayLR through LambdaLR: the initial rate for `constant` updates, then linearly to 0 over
    `decay` (constant throughout when `decay` is 0)."""
    return torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda t: 1 - max(0, t + 1 - constant) / (decay + 1) if decay > 0 else 1.0)


def betas(count):
    first, second = max(1, count * 500 // 14500), max(1, count * 4000 // 14500)
    third = count - first - second
    parts = [torch.arange(n, dtype=torch.float64) / n * (hi - lo) + lo for lo, hi, n in
             ((0, 0.5, first), (0.5, 0.9, second), (0.9, 1, third))]
    return torch.cat(parts + [torch.ones(1, dtype=torch.float64)]).float()


def ais_log_z(W, v_bias, h_bias, base_bias, distributions, runs):
    schedule = betas(distributions)
    v = torch.bernoulli(torch.sigmoid(base_bias).expand(runs, -1))
    log_w = torch.zeros(runs, dtype=torch.float64)

    def log_p(v, hidden_input, beta):
        bias = (1 - beta) * base_bias + beta * v_bias
        return v @ bias + F.softplus(beta * hidden_input).sum(1)

    for k in range(1, len(schedule)):
        hidden_input = F.linear(v, W, h_bias)
        log_w += (log_p(v, hidden_input, schedule[k]) - log_p(v, hidden_input, schedule[k - 1])).double()
        if k < len(schedule) - 1:
            beta = schedule[k]
            h = torch.bernoulli(torch.sigmoid(beta * hidden_input))
            v = torch.bernoulli(torch.sigmoid((1 - beta) * base_bias + beta * (h @ W + v_bias)))
    log_z_base = W.shape[0] * math.log(2) + F.softplus(base_bias.double()).sum().item()
    return log_z_base + (torch.logsumexp(log_w, 0) - math.log(runs)).item()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--k", type=int, default=1)
    parser.add_argument("--hidden", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--ais-distributions", type=int, default=14500)
    parser.add_argument("--ais-runs", type=int, default=100)
    parser.add_argument("--decay-epochs", type=int, default=0)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    train, test = images("train-images-idx3-ubyte.gz"), images("t10k-images-idx3-ubyte.gz")
    W = torch.randn(args.hidden, 784) * 0.01
    v_bias, h_bias = torch.zeros(784), torch.zeros(args.hidden)
    params = [W, v_bias, h_bias]
    optimizer = torch.optim.SGD(params, lr=0.05, momentum=0.9)
    updates_per_epoch = (len(train) + 99) // 100
    decay = args.decay_epochs * updates_per_epoch
    constant = args.epochs * updates_per_epoch - decay
    scheduler = linear_decay(optimizer, constant, decay)
    test_binary = torch.bernoulli(test)
    for epoch in range(1, args.epochs + 1):
        order = torch.randperm(len(train))
        start, cpu_start = time.perf_counter(), time.process_time()
        with torch.no_grad():
            for index in range(0, len(train), 100):
                v0 = torch.bernoulli(train[order[index:index + 100]])
                grad_W, grad_v, grad_h = cd_step(v0, W, v_bias, h_bias, args.k)
                W.grad, v_bias.grad, h_bias.grad = grad_W + 0.0002 * W, grad_v, grad_h
                optimizer.step()
                scheduler.step()
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
        with torch.no_grad():
            reconstruction = torch.sigmoid(torch.sigmoid(F.linear(test_binary, W, h_bias)) @ W + v_bias)
            error = ((reconstruction - test_binary) ** 2).sum(1).mean().item()
            energy = free_energy(test_binary, W, v_bias, h_bias).mean().item()
        print(f"epoch {epoch}: {seconds:.1f} s ({cpu_seconds:.1f} s of processor time), test reconstruction error {error:.2f}, test free energy {energy:.2f}", flush=True)
    with torch.no_grad():
        means = train.mean(0).clamp(0.005, 0.995)
        log_z = ais_log_z(W, v_bias, h_bias, torch.log(means / (1 - means)), args.ais_distributions, args.ais_runs)
        log_likelihood = -free_energy(test_binary, W, v_bias, h_bias).mean().item() - log_z
    print(f"AIS log Z {log_z:.2f}, test log-likelihood {log_likelihood:.2f} nats (CD-{args.k}, {args.epochs} epochs)")


if __name__ == "__main__":
    main()
