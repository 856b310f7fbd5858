#!/usr/bin/env python3
"""The recipes of `latent reproduce ssgan-rotation` and `contrastive-d` in PyTorch, to tell the recipes'
limits from Latent's.

Trains the catalog's dcgan nets (InfoGAN's MNIST nets: FC 1024 layers in G and D, batch norm, N(0, 0.02)
initialisation, Adam(beta1 0.5), D at 2e-4, G at 1e-3, non-saturating loss, batch 64) for --steps steps on
MNIST or Fashion-MNIST, plain or with one option as Latent defines it (docs/gans.md):
  --option rotation=A,B     SS-GAN: a Linear(1024, 4) head on D's features; D adds B * CE of the head on the
                            real batch turned by torch.rot90 0/1/2/3 times (each turn its own batch), G adds
                            A * CE on its samples turned the same way;
  --option contrastive=L,T  a projection Linear(1024, 512)-ReLU-Linear(512, 128) on D's features; D adds
                            L * NT-Xent at temperature T over two views of each real image (a shift of up to
                            4 px with zeros, a zeroed 14x14 square), each view its own batch, the fakes'
                            projections as extra negatives.
Then it reports what `latent reproduce` reports of D's features (the 1024 values before D's last layer, D in
eval mode): a linear softmax probe on 10 labelled training images per class (scikit-learn's
LogisticRegression, C=1, on standardized features) scored on the first 5,000 test images, and k-means
accuracy (k 10, 10 restarts) on those test features; and the rotation head's accuracy on them.
The moving generator average and FID are left out.

    <venv>/bin/python Scripts/pytorch_selfsup_reference.py --steps 1000 --option rotation=0.2,1
    <venv>/bin/python Scripts/pytorch_selfsup_reference.py --steps 1000 --data /usr/share/datasets/fashion-mnist

Figures: docs/results.md (ssgan-rotation, contrastive-d). Needs torch, numpy, scikit-learn, scipy.
"""
import argparse, gzip, json, os, time
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
p = argparse.ArgumentParser()
p.add_argument("--steps", type=int, default=1000); p.add_argument("--seed", type=int, default=1)
p.add_argument("--option", default="none"); p.add_argument("--data", default=ROOT + "/Data/mnist")
p.add_argument("--threads", type=int, default=1)
a = p.parse_args()
torch.set_num_threads(a.threads); torch.manual_seed(a.seed)


def idx(name, offset):
    return np.frombuffer(gzip.open(os.path.join(a.data, name)).read(), np.uint8, offset=offset)


X = torch.from_numpy(idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28).astype(np.float32)) / 127.5 - 1
Y = idx("train-labels-idx1-ubyte.gz", 8).astype(np.int64)
Xt = torch.from_numpy(idx("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28).astype(np.float32))[:5000] / 127.5 - 1
Yt = idx("t10k-labels-idx1-ubyte.gz", 8).astype(np.int64)[:5000]

G = nn.Sequential(nn.Linear(100, 1024, bias=False), nn.BatchNorm1d(1024), nn.ReLU(), nn.Linear(1024, 128 * 49, bias=False),
                  nn.BatchNorm1d(128 * 49), nn.ReLU(), nn.Unflatten(1, (128, 7, 7)), nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False),
                  nn.BatchNorm2d(64), nn.ReLU(), nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
trunk = nn.Sequential(nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128),
                      nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(128 * 49, 1024, bias=False), nn.BatchNorm1d(1024), nn.LeakyReLU(0.2))
score = nn.Linear(1024, 1)
for m in list(G.modules()) + list(trunk.modules()) + [score]:
    if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(m.weight, 0, 0.02)
        if m.bias is not None: nn.init.zeros_(m.bias)
    elif isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
        nn.init.normal_(m.weight, 1, 0.02); nn.init.zeros_(m.bias)
kind, _, values = a.option.partition("=")
weights = [float(v) for v in values.split(",")] if values else []
rotation = nn.Linear(1024, 4) if kind == "rotation" else None
projection = nn.Sequential(nn.Linear(1024, 512), nn.ReLU(), nn.Linear(512, 128)) if kind == "contrastive" else None
d_parts = [trunk, score] + [m for m in (rotation, projection) if m is not None]
oG = torch.optim.Adam(G.parameters(), 1e-3, betas=(0.5, 0.999))
oD = torch.optim.Adam([q for m in d_parts for q in m.parameters()], 2e-4, betas=(0.5, 0.999))


def rotation_loss(x):
    logits = torch.cat([rotation(trunk(torch.rot90(x, k, dims=[2, 3]))) for k in range(4)])
    return F.cross_entropy(logits, torch.arange(4).repeat_interleave(len(x)))


def view(x):
    n = len(x)
    padded = F.pad(x, (4, 4, 4, 4))
    dy, dx = torch.randint(0, 9, (n,)), torch.randint(0, 9, (n,))
    shifted = torch.stack([padded[i, :, dy[i]:dy[i] + 28, dx[i]:dx[i] + 28] for i in range(n)])
    cy, cx = torch.randint(0, 28, (n,)), torch.randint(0, 28, (n,))
    rows, cols = torch.arange(28).view(1, 28, 1), torch.arange(28).view(1, 1, 28)
    cy, cx = cy.view(-1, 1, 1), cx.view(-1, 1, 1)
    hole = (rows >= cy - 7) & (rows < cy + 7) & (cols >= cx - 7) & (cols < cx + 7)
    return shifted * (~hole).unsqueeze(1).float()


def nt_xent(first, second, negatives, tau):
    anchors = F.normalize(torch.cat([first, second]), dim=1)
    candidates = torch.cat([anchors, F.normalize(negatives, dim=1)])
    logits = anchors @ candidates.t() / tau
    n = len(first)
    logits[torch.arange(2 * n), torch.arange(2 * n)] = float("-inf")
    return F.cross_entropy(logits, (torch.arange(2 * n) + n) % (2 * n))


t0, step = time.time(), 0
while step < a.steps:
    perm = torch.randperm(len(X))
    for i in range(0, len(X) - 63, 64):
        if step == a.steps: break
        step += 1
        real = X[perm[i:i + 64]]
        fake = G(torch.randn(64, 100))
        dr, df = score(trunk(real)), score(trunk(fake.detach()))
        lD = F.binary_cross_entropy_with_logits(dr, torch.ones_like(dr)) + F.binary_cross_entropy_with_logits(df, torch.zeros_like(df))
        if rotation is not None: lD = lD + weights[1] * rotation_loss(real)
        if projection is not None:
            lD = lD + weights[0] * nt_xent(projection(trunk(view(real))), projection(trunk(view(real))),
                                           projection(trunk(fake.detach())), weights[1])
        oD.zero_grad(); lD.backward(); oD.step()
        dg = score(trunk(fake))
        lG = F.binary_cross_entropy_with_logits(dg, torch.ones_like(dg))
        if rotation is not None and weights[0] > 0: lG = lG + weights[0] * rotation_loss(fake)
        oG.zero_grad(); lG.backward(); oG.step()

for m in d_parts: m.eval()
with torch.no_grad():
    features = lambda x: torch.cat([trunk(x[i:i + 500]) for i in range(0, len(x), 500)]).numpy()
    rng = np.random.default_rng(a.seed)
    labelled = np.concatenate([rng.choice(np.flatnonzero(Y == c), 10, replace=False) for c in range(10)])
    train_f, test_f = features(X[labelled]), features(Xt)
    scaler = StandardScaler().fit(train_f)
    probe = LogisticRegression(C=1.0, max_iter=5000).fit(scaler.transform(train_f), Y[labelled])
    probe_accuracy = probe.score(scaler.transform(test_f), Yt)
    clusters = KMeans(10, n_init=10, random_state=a.seed).fit_predict(test_f)
    counts = np.zeros((10, 10)); np.add.at(counts, (clusters, Yt), 1)
    rows, cols = linear_sum_assignment(-counts)
    result = {"option": a.option, "steps": a.steps, "seed": a.seed, "data": os.path.basename(os.path.normpath(a.data)),
              "probe_accuracy": probe_accuracy, "kmeans_accuracy": counts[rows, cols].sum() / len(Yt), "seconds": time.time() - t0}
    if rotation is not None:
        turned = torch.cat([torch.rot90(Xt, k, dims=[2, 3]) for k in range(4)])
        predicted = torch.cat([rotation(trunk(turned[i:i + 500])) for i in range(0, len(turned), 500)]).argmax(1)
        result["rotation_accuracy"] = (predicted == torch.arange(4).repeat_interleave(len(Xt))).float().mean().item()
print(json.dumps(result), flush=True)
