#!/usr/bin/env python3
"""The semi-supervised GAN of Salimans et al. 2016 on MNIST in PyTorch: the recipe of Latent's `semi-gan`.

Usage (from the repository root, with the CPU build of PyTorch):

    <venv>/bin/python Scripts/pytorch_improved_gan_reference.py --labels 100 --epochs 300 --seed 1 [--threads 2]
        [--data Data/mnist] [--batch 100]

Prints one JSON line per epoch ({"epoch", "test_error", "seconds", ...}) and a last line with the final test error.

The recipe (that of openai/improved-gan's train_mnist_feature_matching.py, as Latent follows it):
  D   784-1000-500-250-250-250-10, ReLU, every linear layer weight-normalized (torch.nn.utils.weight_norm, dim 0;
      directions drawn N(0, 0.1^2), biases 0, magnitudes trained only in the last layer), Gaussian noise of
      std 0.3 on the inputs and 0.5 on each hidden layer's output; data-dependent initialization on 500 training
      images (each layer's magnitude and bias set so that its outputs have mean 0 and variance 1)
  G   uniform noise [0, 1)^100 -> 500 -> 500 (linear without bias, BatchNorm1d, softplus) -> weight-normalized
      linear 784 (magnitudes starting at 1) -> sigmoid; Xavier-uniform weights
  losses  with l the 10 class logits and log Z = logsumexp(l), p(real) = Z/(Z+1):
      D: cross-entropy on a labelled batch + 1/2 mean softplus(-log Z(x)) + 1/2 mean softplus(log Z(G(z)))
      G: feature matching ||mean f(G(z)) - mean f(x)||^2 on D's last hidden layer, through the updated D
  Adam(3e-3, betas (0.5, 0.999)) for both, batch 100 unlabelled images (an epoch is every training image once, the
  last partial batch dropped) and 100 labelled ones (successive random orders of the labelled images)
  labels  --labels N images, N/10 per class, chosen by walking a random order of the training set drawn with the
      seed and keeping an image while its class has fewer than N/10
Test error: the argmax of D's logits without noise on the 10,000 test images.
"""

import argparse
import gzip
import json
import os
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class GaussianNoise(nn.Module):
    def __init__(self, std):
        super().__init__()
        self.std = std

    def forward(self, x):
        return x + self.std * torch.randn_like(x) if self.training else x


def weight_normalized(n_in, n_out, trains_magnitude):
    linear = nn.Linear(n_in, n_out)
    nn.init.normal_(linear.weight, std=0.1)
    nn.init.zeros_(linear.bias)
    layer = nn.utils.weight_norm(linear)
    layer.weight_g.requires_grad_(trains_magnitude)
    return layer


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        sizes = [784, 1000, 500, 250, 250, 250]
        layers = []
        for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
            layers += [GaussianNoise(0.3 if i == 0 else 0.5), weight_normalized(n_in, n_out, False), nn.ReLU()]
        self.trunk = nn.Sequential(*layers)
        self.head = nn.Sequential(GaussianNoise(0.5), weight_normalized(250, 10, True))

    def features(self, x):
        return self.trunk(x.reshape(x.shape[0], -1))

    def forward(self, x):
        return self.head(self.features(x))

    @torch.no_grad()
    def initialize_from_data(self, x):
        x = x.reshape(x.shape[0], -1)
        for layer in list(self.trunk) + list(self.head):
            if isinstance(layer, nn.Linear):
                t = layer(x) - layer.bias
                mean, std = t.mean(0), (t - t.mean(0)).square().mean(0).sqrt()
                layer.weight_g.div_(std.reshape(-1, 1))
                layer.bias.copy_(-mean / std)
                x = (t - mean) / std
            else:
                x = layer(x)


def generator():
    hidden = [nn.Linear(100, 500, bias=False), nn.Linear(500, 500, bias=False)]
    output = nn.Linear(500, 784)
    for layer in hidden + [output]:
        nn.init.xavier_uniform_(layer.weight)
    nn.init.zeros_(output.bias)
    output = nn.utils.weight_norm(output)
    with torch.no_grad():
        output.weight_g.fill_(1.0)
    return nn.Sequential(hidden[0], nn.BatchNorm1d(500), nn.Softplus(), hidden[1], nn.BatchNorm1d(500), nn.Softplus(),
                         output, nn.Sigmoid())


def make_step(labelled, labels, batch, generator_rng):
    """The training step of the recipe on freshly built networks: returns (step(real) -> losses, D, G)."""
    d, g = Discriminator(), generator()
    opt_d = torch.optim.Adam([p for p in d.parameters() if p.requires_grad], lr=3e-3, betas=(0.5, 0.999))
    opt_g = torch.optim.Adam(g.parameters(), lr=3e-3, betas=(0.5, 0.999))
    pending = []

    def labelled_batch():
        while len(pending) < batch:
            pending.extend(torch.randperm(len(labels), generator=generator_rng).tolist())
        chosen = [pending.pop(0) for _ in range(batch)]
        pending.clear()
        return labelled[chosen], labels[chosen]

    def step(real):
        x_lab, y_lab = labelled_batch()
        fake = g(torch.rand(real.shape[0], 100))
        loss_lab = F.cross_entropy(d(x_lab), y_lab)
        loss_unl = 0.5 * F.softplus(-torch.logsumexp(d(real), 1)).mean()
        loss_fake = 0.5 * F.softplus(torch.logsumexp(d(fake.detach()), 1)).mean()
        opt_d.zero_grad(set_to_none=True)
        (loss_lab + loss_unl + loss_fake).backward()
        opt_d.step()
        with torch.no_grad():
            real_features = d.features(real).mean(0)
        loss_g = (d.features(fake).mean(0) - real_features).square().sum()
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        return loss_lab.item(), loss_unl.item(), loss_fake.item(), loss_g.item()

    return step, d, g


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 2049:
        return np.frombuffer(data, dtype=np.uint8, offset=8).astype(np.int64)
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, 784).astype(np.float32) / 255.0


def label_budget(labels, count, seed):
    share, taken, chosen = count // 10, [0] * 10, []
    for index in np.random.RandomState(seed).permutation(len(labels)):
        if len(chosen) == count:
            break
        if taken[labels[index]] < share:
            taken[labels[index]] += 1
            chosen.append(index)
    return np.array(chosen)


def test_error(d, images, labels):
    d.eval()
    with torch.no_grad():
        wrong = sum((d(images[i:i + 500]).argmax(1) != labels[i:i + 500]).sum().item() for i in range(0, len(labels), 500))
    d.train()
    return wrong / len(labels)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--labels", type=int, default=100)
    p.add_argument("--epochs", type=int, default=300)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--data", default=os.path.join(ROOT, "Data", "mnist"))
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train_x = torch.from_numpy(read_idx(os.path.join(args.data, "train-images-idx3-ubyte.gz")))
    train_y = read_idx(os.path.join(args.data, "train-labels-idx1-ubyte.gz"))
    test_x = torch.from_numpy(read_idx(os.path.join(args.data, "t10k-images-idx3-ubyte.gz")))
    test_y = torch.from_numpy(read_idx(os.path.join(args.data, "t10k-labels-idx1-ubyte.gz")))
    chosen = label_budget(train_y, args.labels, args.seed)
    rng = torch.Generator().manual_seed(args.seed)
    step, d, _ = make_step(train_x[chosen], torch.from_numpy(train_y[chosen]), args.batch, rng)
    d.initialize_from_data(train_x[torch.randperm(len(train_x), generator=rng)[:500]])
    error = None
    for epoch in range(1, args.epochs + 1):
        start = time.time()
        order = torch.randperm(len(train_x), generator=rng)
        for i in range(len(train_x) // args.batch):
            losses = step(train_x[order[i * args.batch:(i + 1) * args.batch]])
        error = test_error(d, test_x, test_y)
        print(json.dumps({"epoch": epoch, "test_error": error, "seconds": time.time() - start,
                          "loss_d_labelled": losses[0], "loss_d_unlabelled": losses[1], "loss_d_fake": losses[2],
                          "loss_g": losses[3]}), flush=True)
    print(json.dumps({"framework": "pytorch", "torch_version": torch.__version__, "labels": args.labels, "seed": args.seed,
                      "epochs": args.epochs, "test_error": error}))


if __name__ == "__main__":
    main()
