#!/usr/bin/env python3
"""clustergan-mnist's and bigan-mnist's recipes in PyTorch, beside Latent's figures in docs/results.md.

clustergan: ClusterGAN (Mukherjee et al. 2019) as Latent's `clustergan`: z = (0.1 * eps_30, one-hot c_10), InfoGAN's
MNIST generator (batch norm, tanh) and critic (no batch norm), an encoder of the critic's shape with 30 + 10 outputs,
N(0, 0.02) initialisation, WGAN-GP (lambda 10, per-sample interpolates, 5 critic updates per generator update, the
generator update on the last critic update's samples), Adam(1e-4, betas 0.5, 0.9) for each network, batch 64, and the
cycle losses 10 * mean (z_n - E_n(G(z)))^2 + 10 * CE(c, E_c(G(z))) for G and E. Prints accuracy (Hungarian), NMI and
ARI of argmax E_c(x) on the 10,000 test digits.

bigan: BiGAN (Donahue et al. 2017) as Latent's `bigan` (architecture=mlp): codes U(-1, 1)^50, G 50-1024-1024-784 (batch
norm, ReLU, tanh), E 784-1024-1024-50 (leaky ReLU 0.2, batch norm on the second layer), D(x, z) 834-1024-1024-1 (leaky
ReLU 0.2), Adam(2e-4, betas 0.5, 0.999), batch 128; D's cross-entropy on (x, E(x)) against (G(z), z), G and E the same
with labels swapped, through the updated D on the same samples. Prints the 1-nearest-neighbour accuracy of the test
codes E(x) against the training codes, and k-means (k 10, 10 starts) accuracy, NMI and ARI of the test codes.

    <venv>/bin/python Scripts/pytorch_encoder_gans_reference.py clustergan --epochs 1 --seed 1
    <venv>/bin/python Scripts/pytorch_encoder_gans_reference.py bigan --epochs 1 --seed 1

Needs torch, numpy, scipy and scikit-learn; reads the bundled MNIST in Data/mnist.
"""
import argparse, gzip, json, os, time
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def mnist(split):
    prefix = "train" if split == "train" else "t10k"
    def read(name, offset):
        return np.frombuffer(gzip.open(f"{ROOT}/Data/mnist/{prefix}-{name}.gz").read(), np.uint8, offset=offset)
    x = torch.from_numpy(read("images-idx3-ubyte", 16).reshape(-1, 1, 28, 28).astype(np.float32)) / 127.5 - 1
    return x, read("labels-idx1-ubyte", 8).astype(np.int64)


def initialise(*nets):
    for m in (m for net in nets for m in net.modules()):
        if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(m.weight, 0, 0.02)
            if m.bias is not None: nn.init.zeros_(m.bias)
        elif isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            nn.init.normal_(m.weight, 1, 0.02); nn.init.zeros_(m.bias)


def cluster_scores(predicted, truth):
    counts = np.zeros((max(predicted.max(), truth.max()) + 1,) * 2)
    np.add.at(counts, (predicted, truth), 1)
    rows, columns = linear_sum_assignment(-counts)
    return {"accuracy": counts[rows, columns].sum() / len(truth), "nmi": normalized_mutual_info_score(truth, predicted),
            "ari": adjusted_rand_score(truth, predicted)}


def encode(net, x):
    net.eval()
    with torch.no_grad():
        codes = torch.cat([net(x[i:i + 500]) for i in range(0, len(x), 500)])
    net.train()
    return codes


def critic_trunk():
    return [nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 128, 4, 2, 1), nn.LeakyReLU(0.2), nn.Flatten(),
            nn.Linear(128 * 49, 1024), nn.LeakyReLU(0.2)]


def clustergan(a, X, test, labels):
    noise, clusters, sigma = 30, 10, 0.1
    G = nn.Sequential(nn.Linear(noise + clusters, 1024, bias=False), nn.BatchNorm1d(1024), nn.ReLU(),
                      nn.Linear(1024, 128 * 49, bias=False), nn.BatchNorm1d(128 * 49), nn.ReLU(), nn.Unflatten(1, (128, 7, 7)),
                      nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                      nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
    D = nn.Sequential(*critic_trunk(), nn.Linear(1024, 1))
    E = nn.Sequential(*critic_trunk(), nn.Linear(1024, noise + clusters))
    initialise(G, D, E)
    opts = [torch.optim.Adam(n.parameters(), 1e-4, betas=(0.5, 0.9)) for n in (G, D, E)]
    step = 0
    for epoch in range(a.epochs):
        perm = torch.randperm(len(X))
        for i in range(0, len(X) - 63, 64):
            step += 1
            real = X[perm[i:i + 64]]
            eps, c = torch.randn(64, noise), torch.randint(0, clusters, (64,))
            fake = G(torch.cat([sigma * eps, F.one_hot(c, clusters).float()], 1))
            alpha = torch.rand(64, 1, 1, 1)
            mixed = (alpha * real + (1 - alpha) * fake.detach()).requires_grad_(True)
            grad = torch.autograd.grad(D(mixed).sum(), mixed, create_graph=True)[0]
            penalty = 10 * ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
            loss_d = D(fake.detach()).mean() - D(real).mean() + penalty
            opts[1].zero_grad(); loss_d.backward(); opts[1].step()
            if step % 5 == 0:
                out = E(fake)
                loss_g = -D(fake).mean() + 10 * F.mse_loss(out[:, :noise], sigma * eps) + 10 * F.cross_entropy(out[:, noise:], c)
                opts[0].zero_grad(); opts[2].zero_grad(); loss_g.backward(); opts[0].step(); opts[2].step()
    predicted = encode(E, test)[:, noise:].argmax(1).numpy()
    return cluster_scores(predicted, labels)


def bigan(a, X, test, labels, train_labels):
    code = 50
    G = nn.Sequential(nn.Linear(code, 1024, bias=False), nn.BatchNorm1d(1024), nn.ReLU(), nn.Linear(1024, 1024, bias=False),
                      nn.BatchNorm1d(1024), nn.ReLU(), nn.Linear(1024, 784), nn.Tanh(), nn.Unflatten(1, (1, 28, 28)))
    E = nn.Sequential(nn.Flatten(), nn.Linear(784, 1024), nn.LeakyReLU(0.2), nn.Linear(1024, 1024, bias=False),
                      nn.BatchNorm1d(1024), nn.LeakyReLU(0.2), nn.Linear(1024, code))
    J = nn.Sequential(nn.Linear(784 + code, 1024), nn.LeakyReLU(0.2), nn.Linear(1024, 1024), nn.LeakyReLU(0.2), nn.Linear(1024, 1))
    initialise(G, E, J)
    D = lambda x, z: J(torch.cat([x.flatten(1), z], 1))
    opts = [torch.optim.Adam(n.parameters(), 2e-4, betas=(0.5, 0.999)) for n in (G, J, E)]
    bce = lambda s, t: F.binary_cross_entropy_with_logits(s, torch.full_like(s, t))
    for epoch in range(a.epochs):
        perm = torch.randperm(len(X))
        for i in range(0, len(X) - 127, 128):
            x = X[perm[i:i + 128]]
            z = torch.rand(128, code) * 2 - 1
            fake, codes = G(z), E(x)
            loss_d = bce(D(x, codes.detach()), 1) + bce(D(fake.detach(), z), 0)
            opts[1].zero_grad(); loss_d.backward(); opts[1].step()
            loss_ge = bce(D(fake, z), 1) + bce(D(x, codes), 0)
            opts[0].zero_grad(); opts[2].zero_grad(); loss_ge.backward(); opts[0].step(); opts[2].step()
    reference, query = encode(E, X), encode(E, test)
    nearest = torch.cat([torch.cdist(query[i:i + 1000].double(), reference.double()).argmin(1) for i in range(0, len(query), 1000)])
    result = {"nn_accuracy": float((train_labels[nearest.numpy()] == labels).mean())}
    kmeans = KMeans(10, n_init=10, random_state=0).fit(query.numpy())
    result.update({"kmeans_" + k: v for k, v in cluster_scores(kmeans.labels_, labels).items()})
    return result


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model", choices=["clustergan", "bigan"])
    p.add_argument("--epochs", type=int, default=1); p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads); torch.manual_seed(a.seed)
    (X, train_labels), (test, labels) = mnist("train"), mnist("test")
    start = time.time()
    result = clustergan(a, X, test, labels) if a.model == "clustergan" else bigan(a, X, test, labels, train_labels)
    print(json.dumps({"model": a.model, "epochs": a.epochs, "seed": a.seed, "seconds": round(time.time() - start, 1),
                      **{k: round(float(v), 4) for k, v in result.items()}}))


if __name__ == "__main__":
    main()
