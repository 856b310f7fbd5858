#!/usr/bin/env python3
"""dcgan-mnist's recipe in PyTorch, to tell the recipe's limits from Latent's.

Trains the DCGAN-MNIST nets (`--arch info`: InfoGAN's nets, Latent's default; `--arch base`: the former nets,
`hidden_size=0`) with N(0, 0.02) initialisation, Adam (beta1 0.5) and the non-saturating loss on the bundled
MNIST, and after each epoch prints, for 2,000 fixed samples, the share the shipped digit classifier labels with
confidence >= 0.9 and the smallest share of one digit, with G in eval and in train mode (and for a moving
average of G's weights with `--ema DECAY`, its batch-norm statistics re-estimated as Latent's `g_ema` does). `--decay` lowers both learning rates linearly to 0.

    <venv>/bin/python Scripts/pytorch_dcgan_reference.py --arch info --epochs 5

Figures: docs/results.md (dcgan-mnist). Needs torch, numpy, safetensors.
"""
import argparse, copy, gzip, os, sys, time
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, ROOT + "/Data/classifiers")
from pytorch_accuracy import Net
from safetensors.torch import load_file
p = argparse.ArgumentParser()
p.add_argument("--arch", default="base"); p.add_argument("--epochs", type=int, default=5)
p.add_argument("--ema", type=float, default=0); p.add_argument("--lr", type=float, default=2e-4)
p.add_argument("--lrd", type=float, default=None); p.add_argument("--batch", type=int, default=64)
p.add_argument("--smooth", type=float, default=0); p.add_argument("--seed", type=int, default=1)
p.add_argument("--threads", type=int, default=1); p.add_argument("--decay", action="store_true"); p.add_argument("--beta2", type=float, default=0.999)
a = p.parse_args()
torch.set_num_threads(a.threads); torch.manual_seed(a.seed)
def idx(path, off): return np.frombuffer(gzip.open(path).read(), np.uint8, offset=off)
X = torch.from_numpy(idx(ROOT + "/Data/mnist/train-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28).astype(np.float32)) / 127.5 - 1
def G_base():
    return nn.Sequential(nn.Linear(100, 128*49, bias=False), nn.BatchNorm1d(128*49), nn.ReLU(), nn.Unflatten(1, (128, 7, 7)),
        nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
def D_base():
    return nn.Sequential(nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128),
        nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(128*49, 1))
def G_info():
    return nn.Sequential(nn.Linear(100, 1024, bias=False), nn.BatchNorm1d(1024), nn.ReLU(), nn.Linear(1024, 128*49, bias=False), nn.BatchNorm1d(128*49), nn.ReLU(), nn.Unflatten(1, (128, 7, 7)),
        nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
def D_info():
    return nn.Sequential(nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128),
        nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(128*49, 1024, bias=False), nn.BatchNorm1d(1024), nn.LeakyReLU(0.2), nn.Linear(1024, 1))
archs = {"base": (G_base, D_base), "info": (G_info, D_info)}
G, D = archs[a.arch][0](), archs[a.arch][1]()
for m in list(G.modules()) + list(D.modules()):
    if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(m.weight, 0, 0.02)
        if m.bias is not None: nn.init.zeros_(m.bias)
    elif isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
        nn.init.normal_(m.weight, 1, 0.02); nn.init.zeros_(m.bias)
E = copy.deepcopy(G) if a.ema else None
oG = torch.optim.Adam(G.parameters(), a.lr, betas=(0.5, a.beta2)); oD = torch.optim.Adam(D.parameters(), a.lrd or a.lr, betas=(0.5, a.beta2))
C = Net(); C.load_state_dict(load_file(ROOT + "/Data/classifiers/mnist-classifier.safetensors")); C.eval()
zeval = torch.randn(2000, 100, generator=torch.Generator().manual_seed(99))
def score(net, mode):
    net.train(mode == "train")
    with torch.no_grad():
        x = torch.cat([net(zeval[i:i+500]) for i in range(0, 2000, 500)]); pr = torch.softmax(C(x), 1)
    net.train()
    conf, cls = pr.max(1); share = torch.bincount(cls, minlength=10).float() / len(cls)
    return "%.3f/%.3f" % ((conf >= 0.9).float().mean().item(), share.min().item())
t0 = time.time()
steps_total = a.epochs * (len(X) // a.batch); step = 0
for epoch in range(1, a.epochs + 1):
    perm = torch.randperm(len(X))
    for i in range(0, len(X) - a.batch + 1, a.batch):
        real = X[perm[i:i+a.batch]]
        if a.decay:
            for o in (oG, oD):
                for g in o.param_groups: g["lr"] = (a.lr if o is oG else (a.lrd or a.lr)) * (1 - step / steps_total)
        step += 1
        fake = G(torch.randn(a.batch, 100))
        dr, df = D(real), D(fake.detach())
        lD = F.binary_cross_entropy_with_logits(dr, torch.full_like(dr, 1 - a.smooth)) + F.binary_cross_entropy_with_logits(df, torch.zeros_like(df))
        oD.zero_grad(); lD.backward(); oD.step()
        lG = F.binary_cross_entropy_with_logits(D(fake), torch.ones_like(df))
        oG.zero_grad(); lG.backward(); oG.step()
        if E is not None:
            with torch.no_grad():
                for pe, pg in zip(E.parameters(), G.parameters()): pe.lerp_(pg, 1 - a.ema)
                for be, bg in zip(E.buffers(), G.buffers()): be.copy_(bg)
    msg = f"{vars(a)} epoch {epoch} {time.time()-t0:.0f}s G eval {score(G,'eval')} train {score(G,'train')}"
    if E is not None:
        # As Latent's g_ema: batch-norm statistics re-estimated for the averaged weights before sampling.
        noise = torch.Generator().manual_seed(7)
        torch.optim.swa_utils.update_bn([torch.randn(64, 100, generator=noise) for _ in range(100)], E)
        msg += f" EMA eval {score(E,'eval')} train {score(E,'train')}"
    print(msg, flush=True)
