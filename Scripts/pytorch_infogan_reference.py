#!/usr/bin/env python3
"""infogan-mnist's recipe in PyTorch, beside `latent reproduce infogan-mnist`.

Trains InfoGAN on the bundled MNIST as Latent's `infogan` does (Chen et al. 2016, MNIST setup): G the
DCGAN-MNIST generator on 62 standard normal noise values, a one-hot 10-valued categorical code and 2 continuous
codes from U(-1, 1); D the DCGAN-MNIST convolutional trunk (FC 1024) with a real/fake logit and Q (FC 128,
batch norm, leaky ReLU, 10 logits and 2 means, standard deviation fixed at 1); N(0, 0.02) initialisation;
Adam(beta1 0.5) at 2e-4 for D and 1e-3 for G; batch 64, the last partial batch of an epoch dropped. Each step
updates D on the real batch and the detached fakes with the non-saturating loss plus the information loss
(cross-entropy of Q's logits on the categorical code + Gaussian NLL of the continuous codes, lambda 1), then G
through the updated D on the same fakes with the same two terms. After each epoch it prints one JSON line:
the clustering accuracy (Hungarian), NMI and ARI of Q's categorical argmax on the 10,000 test digits (D in
eval mode), and the last step's mi_categorical (log 10 - cross-entropy).

    <venv>/bin/python Scripts/pytorch_infogan_reference.py --epochs 10 --seed 1 --threads 2

Figures: docs/results.md (infogan-mnist). Needs torch, numpy, scipy, scikit-learn.
"""
import argparse, gzip, json, math, os, time
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
p = argparse.ArgumentParser()
p.add_argument("--epochs", type=int, default=10); p.add_argument("--steps", type=int, default=None)
p.add_argument("--seed", type=int, default=1); p.add_argument("--threads", type=int, default=2)
p.add_argument("--batch", type=int, default=64)
a = p.parse_args()
torch.set_num_threads(a.threads); torch.manual_seed(a.seed)


def idx(name, offset):
    return np.frombuffer(gzip.open(os.path.join(ROOT, "Data/mnist", name)).read(), np.uint8, offset=offset)


X = torch.from_numpy(idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28).astype(np.float32)) / 127.5 - 1
XT = torch.from_numpy(idx("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28).astype(np.float32)) / 127.5 - 1
YT = idx("t10k-labels-idx1-ubyte.gz", 8).astype(np.int64)
NOISE, CATEGORIES, CONTINUOUS = 62, 10, 2

G = nn.Sequential(nn.Linear(NOISE + CATEGORIES + CONTINUOUS, 1024, bias=False), nn.BatchNorm1d(1024), nn.ReLU(),
                  nn.Linear(1024, 128 * 49, bias=False), nn.BatchNorm1d(128 * 49), nn.ReLU(), nn.Unflatten(1, (128, 7, 7)),
                  nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                  nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())


class D(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = nn.Sequential(nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 128, 4, 2, 1, bias=False),
                                   nn.BatchNorm2d(128), nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(128 * 49, 1024, bias=False),
                                   nn.BatchNorm1d(1024), nn.LeakyReLU(0.2))
        self.score = nn.Linear(1024, 1)
        self.q = nn.Sequential(nn.Linear(1024, 128, bias=False), nn.BatchNorm1d(128), nn.LeakyReLU(0.2),
                               nn.Linear(128, CATEGORIES + CONTINUOUS))

    def forward(self, x):
        h = self.trunk(x)
        return self.score(h), self.q(h)


D = D()
for m in list(G.modules()) + list(D.modules()):
    if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(m.weight, 0, 0.02)
        if m.bias is not None: nn.init.zeros_(m.bias)
    elif isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
        nn.init.normal_(m.weight, 1, 0.02); nn.init.zeros_(m.bias)
oG = torch.optim.Adam(G.parameters(), 1e-3, betas=(0.5, 0.999)); oD = torch.optim.Adam(D.parameters(), 2e-4, betas=(0.5, 0.999))


def information(q, c, u):
    cross_entropy = F.cross_entropy(q[:, :CATEGORIES], c)
    nll = (0.5 * (u - q[:, CATEGORIES:]) ** 2 + 0.5 * math.log(2 * math.pi)).sum(1).mean()
    return cross_entropy + nll, cross_entropy


def clustering():
    D.eval()
    with torch.no_grad():
        predicted = torch.cat([D(XT[i:i + 500])[1][:, :CATEGORIES].argmax(1) for i in range(0, len(XT), 500)]).numpy()
    D.train()
    counts = np.zeros((CATEGORIES, 10), np.int64)
    np.add.at(counts, (predicted, YT), 1)
    rows, cols = linear_sum_assignment(-counts)
    return counts[rows, cols].sum() / len(YT), normalized_mutual_info_score(YT, predicted), adjusted_rand_score(YT, predicted)


start, step, total = time.time(), 0, a.steps or a.epochs * (len(X) // a.batch)
epoch = 0
while step < total:
    epoch += 1
    order = torch.randperm(len(X))
    for b in range(len(X) // a.batch):
        if step == total: break
        real = X[order[b * a.batch:(b + 1) * a.batch]]
        c, u = torch.randint(0, CATEGORIES, (a.batch,)), torch.rand(a.batch, CONTINUOUS) * 2 - 1
        fake = G(torch.cat([torch.randn(a.batch, NOISE), F.one_hot(c, CATEGORIES).float(), u], 1))
        real_score, _ = D(real)
        fake_score, q = D(fake.detach())
        d_info, _ = information(q, c, u)
        d_loss = F.binary_cross_entropy_with_logits(real_score, torch.ones_like(real_score)) \
            + F.binary_cross_entropy_with_logits(fake_score, torch.zeros_like(fake_score)) + d_info
        oD.zero_grad(); d_loss.backward(); oD.step()
        fake_score, q = D(fake)
        g_info, cross_entropy = information(q, c, u)
        g_loss = F.binary_cross_entropy_with_logits(fake_score, torch.ones_like(fake_score)) + g_info
        oG.zero_grad(); oD.zero_grad(); g_loss.backward(); oG.step()
        step += 1
    accuracy, nmi, ari = clustering()
    print(json.dumps({"epoch": epoch, "step": step, "seed": a.seed, "accuracy": round(float(accuracy), 4), "nmi": round(float(nmi), 4),
                      "ari": round(float(ari), 4), "mi_categorical": round(math.log(CATEGORIES) - cross_entropy.item(), 4),
                      "seconds": round(time.time() - start, 1)}), flush=True)
