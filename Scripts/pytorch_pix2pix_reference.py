#!/usr/bin/env python3
"""pix2pix-mnist-edges's recipe in PyTorch, beside Latent's figures in docs/results.md.

Builds mnist-edges as Latent does (each MNIST digit padded to 32x32, its edge map the 3x3 maximum less the 3x3
minimum), then trains Latent's `pix2pix` networks (the U-Net and PatchGAN of Scripts/make_translation_fixtures.py:
5 halvings at 32 px, so no dropout level; n_layers 3; batch norm; N(0, 0.02) initialisation) with Adam(2e-4, betas
0.5, 0.999), batch 64: D minimizes BCE(D(A, B), 1) + BCE(D(A, G(A)), 0) on patch logits, G minimizes
BCE(D(A, G(A)), 1) + lambda * mean |G(A) - B| (lambda 100), or the L1 term alone with --l1-only. After each epoch it
prints, for the 10,000 test pairs, the mean |G(A) - B| on pixels in [0, 1] and the share of translations (cropped to
28x28) the shipped digit classifier (reading pixels in [-1, 1]) assigns to the pair's label. --steps caps the batches of each
epoch for a short check.

    <venv>/bin/python Scripts/pytorch_pix2pix_reference.py --epochs 1 --seed 1
    <venv>/bin/python Scripts/pytorch_pix2pix_reference.py --epochs 1 --seed 1 --l1-only

Needs torch, numpy and safetensors; reads the bundled MNIST in Data/mnist.
"""
import argparse, gzip, os, sys, time
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F
from safetensors.torch import load_file

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, ROOT + "/Data/classifiers")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_accuracy import Net  # noqa: E402
from make_translation_fixtures import UNet, patch_gan  # noqa: E402


def mnist_edges(split):
    prefix = "train" if split == "train" else "t10k"
    def read(name, offset):
        return np.frombuffer(gzip.open(f"{ROOT}/Data/mnist/{prefix}-{name}.gz").read(), np.uint8, offset=offset)
    digits = F.pad(torch.from_numpy(read("images-idx3-ubyte", 16).reshape(-1, 1, 28, 28).astype(np.float32)), (2, 2, 2, 2))
    high = F.max_pool2d(digits, 3, 1, 1)
    low = -F.max_pool2d(-F.pad(digits, (1, 1, 1, 1), value=255.0), 3, 1, 0)
    pairs = torch.cat([high - low, digits], 1) / 127.5 - 1
    return pairs, torch.from_numpy(read("labels-idx1-ubyte", 8).astype(np.int64))


def initialise(*nets):
    for m in (m for net in nets for m in net.modules()):
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(m.weight, 0, 0.02)
            if m.bias is not None: nn.init.zeros_(m.bias)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.normal_(m.weight, 1, 0.02); nn.init.zeros_(m.bias)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=10); p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2); p.add_argument("--l1-only", action="store_true")
    p.add_argument("--lambda-l1", type=float, default=100.0)
    p.add_argument("--steps", type=int, default=None, help="the most batches per epoch (a short check)")
    a = p.parse_args()
    torch.set_num_threads(a.threads); torch.manual_seed(a.seed)
    train, _ = mnist_edges("train"); test, labels = mnist_edges("test")
    G, D = UNet(1, 1, 5, 64, "batch"), patch_gan(2, 64, 3, "batch")
    initialise(G, D)
    oG = torch.optim.Adam(G.parameters(), 2e-4, betas=(0.5, 0.999)); oD = torch.optim.Adam(D.parameters(), 2e-4, betas=(0.5, 0.999))
    C = Net(); C.load_state_dict(load_file(ROOT + "/Data/classifiers/mnist-classifier.safetensors")); C.eval()
    bce = nn.BCEWithLogitsLoss()
    for epoch in range(1, a.epochs + 1):
        start = time.time()
        order = torch.randperm(len(train))
        for step, i in enumerate(range(0, len(train) - 63, 64)):
            if a.steps is not None and step >= a.steps: break
            batch = train[order[i:i + 64]]; A, B = batch[:, :1], batch[:, 1:]
            fake = G(A)
            real_score, fake_score = D(torch.cat([A, B], 1)), D(torch.cat([A, fake.detach()], 1))
            d_loss = bce(real_score, torch.ones_like(real_score)) + bce(fake_score, torch.zeros_like(fake_score))
            oD.zero_grad(); d_loss.backward(); oD.step()
            l1 = a.lambda_l1 * (fake - B).abs().mean()
            if a.l1_only:
                g_loss = l1
            else:
                score = D(torch.cat([A, fake], 1)); g_loss = bce(score, torch.ones_like(score)) + l1
            oG.zero_grad(); g_loss.backward(); oG.step()
        with torch.no_grad():
            out = torch.cat([G(test[i:i + 500, :1]) for i in range(0, len(test), 500)])
            unit = ((out + 1) / 2).clamp(0, 1)
            test_l1 = (unit - (test[:, 1:] + 1) / 2).abs().mean().item()
            predicted = torch.cat([C(unit[i:i + 500, :, 2:30, 2:30] * 2 - 1).argmax(1) for i in range(0, len(test), 500)])
            accuracy = (predicted == labels).float().mean().item()
        print(f"epoch {epoch}: test L1 {test_l1:.4f}, classifier accuracy {accuracy:.4f} ({time.time() - start:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
