#!/usr/bin/env python3
"""cyclegan-mnist's recipe in PyTorch, beside Latent's figures in docs/results.md.

CycleGAN (Zhu et al. 2017) as Latent's `cyclegan` with the reproduction's options: ResNet generators (ngf 16, 6 blocks,
reflection padding, instance norm without affine parameters), PatchGAN discriminators (ndf 16, 2 stride-2 layers,
instance norm), N(0, 0.02) weights, least squares (D: 0.5 * (MSE(D(real), 1) + MSE(D(pool(fake)), 0)) per domain;
G: MSE(D(G(x)), 1)), cycle lambda 10, identity 0.5 * lambda, history pools of 50 (the official 50% swap), Adam(2e-4,
betas 0.5, 0.999), batch 16, learning rate constant for the first half of the steps and falling linearly to 0 over
the second (the official rule counted in steps). Data as Latent's tasks: A = the first 30,000 training digits, B = the
other 30,000 mapped (mnist-inverse: 255 - p; mnist-thick: 3x3 dilation), a random B for each A; pixels in [-1, 1].
Prints, on the 10,000 test digits, mnist-inverse's mean |G(x) - (1 - x)| (pixels in [0, 1]) or mnist-thick's share
of translated digits the shipped classifier reads as their label.

    <venv>/bin/python Scripts/pytorch_cyclegan_reference.py mnist-inverse --epochs 1 --seed 1
    <venv>/bin/python Scripts/pytorch_cyclegan_reference.py mnist-thick --epochs 1 --seed 1 --steps 500

Needs torch, numpy and safetensors; reads the bundled MNIST in Data/mnist and the classifier in Data/classifiers.
"""
import argparse, gzip, json, os, random, sys, time
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(ROOT, "Data", "classifiers"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_cyclegan_fixtures import resnet_generator  # noqa: E402
from pytorch_accuracy import Net  # noqa: E402


def mnist(split):
    prefix = "train" if split == "train" else "t10k"
    def read(name, offset):
        return np.frombuffer(gzip.open(f"{ROOT}/Data/mnist/{prefix}-{name}.gz").read(), np.uint8, offset=offset)
    return read("images-idx3-ubyte", 16).reshape(-1, 1, 28, 28), read("labels-idx1-ubyte", 8).astype(np.int64)


def mapped(task, images):
    if task == "mnist-inverse":
        return 255 - images
    padded = np.pad(images, ((0, 0), (0, 0), (1, 1), (1, 1)))
    return np.max([padded[:, :, dy:dy + 28, dx:dx + 28] for dy in range(3) for dx in range(3)], axis=0)


def scaled(images):
    return torch.from_numpy(images.astype(np.float32)) / 127.5 - 1


def patch_discriminator(ndf=16, layers=2):
    sequence, width = [nn.Conv2d(1, ndf, 4, 2, 1), nn.LeakyReLU(0.2, True)], ndf
    for level in range(1, layers + 1):
        nxt = ndf * min(2 ** level, 8)
        sequence += [nn.Conv2d(width, nxt, 4, 2 if level < layers else 1, 1), nn.InstanceNorm2d(nxt), nn.LeakyReLU(0.2, True)]
        width = nxt
    network = nn.Sequential(*sequence, nn.Conv2d(width, 1, 4, 1, 1))
    for m in network.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.normal_(m.weight, 0, 0.02); nn.init.zeros_(m.bias)
    return network


class Pool:
    def __init__(self, size):
        self.size, self.images = size, []

    def query(self, batch):
        out = []
        for image in batch.detach():
            if len(self.images) < self.size:
                self.images.append(image); out.append(image)
            elif random.uniform(0, 1) > 0.5:
                slot = random.randint(0, self.size - 1)
                out.append(self.images[slot].clone()); self.images[slot] = image
            else:
                out.append(image)
        return torch.stack(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("task", choices=["mnist-inverse", "mnist-thick"])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--steps", type=int, default=None, help="stop after this many steps")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.manual_seed(args.seed); random.seed(args.seed); np.random.seed(args.seed)
    torch.set_num_threads(2)
    digits, _ = mnist("train")
    a_all, b_all = scaled(digits[:30000]), scaled(mapped(args.task, digits[30000:]))
    g_ab, g_ba = resnet_generator(16, 6), resnet_generator(16, 6)
    for net in (g_ab, g_ba):
        for m in net.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                nn.init.normal_(m.weight, 0, 0.02); nn.init.zeros_(m.bias)
    d_a, d_b = patch_discriminator(), patch_discriminator()
    opt_g = torch.optim.Adam(list(g_ab.parameters()) + list(g_ba.parameters()), 2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(list(d_a.parameters()) + list(d_b.parameters()), 2e-4, betas=(0.5, 0.999))
    per_epoch = 30000 // 16
    total = args.epochs * per_epoch
    rule = lambda step: max(0.0, 1 - max(0, step + 1 - total // 2) / (total - total // 2 + 1))
    schedulers = [torch.optim.lr_scheduler.LambdaLR(o, rule) for o in (opt_g, opt_d)]
    pool_a, pool_b = Pool(50), Pool(50)
    mse, l1 = nn.MSELoss(), nn.L1Loss()
    start, step = time.time(), 0
    for epoch in range(args.epochs):
        order = torch.randperm(30000)
        for index in range(per_epoch):
            if args.steps is not None and step >= args.steps:
                break
            a = a_all[order[index * 16:(index + 1) * 16]]
            b = b_all[torch.randint(0, 30000, (16,))]
            fake_b, fake_a = g_ab(a), g_ba(b)
            loss_g = (mse(d_b(fake_b), torch.ones_like(d_b(fake_b))) + mse(d_a(fake_a), torch.ones_like(d_a(fake_a)))
                      + 10 * l1(g_ba(fake_b), a) + 10 * l1(g_ab(fake_a), b)
                      + 0.5 * (10 * l1(g_ab(b), b) + 10 * l1(g_ba(a), a)))
            opt_g.zero_grad(); loss_g.backward(); opt_g.step()
            loss_d = 0
            for d, real, fake, pool in ((d_b, b, fake_b, pool_b), (d_a, a, fake_a, pool_a)):
                pooled = pool.query(fake)
                real_score, fake_score = d(real), d(pooled)
                loss_d = loss_d + 0.5 * (mse(real_score, torch.ones_like(real_score)) + mse(fake_score, torch.zeros_like(fake_score)))
            opt_d.zero_grad(); loss_d.backward(); opt_d.step()
            for scheduler in schedulers: scheduler.step()
            step += 1
    test, labels = mnist("test")
    x = scaled(test)
    with torch.no_grad():
        g_ab.eval()
        translated = torch.cat([g_ab(x[i:i + 500]) for i in range(0, 10000, 500)])
    if args.task == "mnist-inverse":
        figure = {"mean_abs_error_to_inverse": ((translated + x).abs() / 2).mean().item()}
    else:
        from safetensors.torch import load_file
        net = Net(); net.load_state_dict(load_file(os.path.join(ROOT, "Data", "classifiers", "mnist-classifier.safetensors"))); net.eval()
        with torch.no_grad():
            figure = {"label_kept": (net(translated).argmax(1).numpy() == labels).mean().item()}
    print(json.dumps({"task": args.task, "seed": args.seed, "steps": step, "seconds": round(time.time() - start, 1), **figure}))


if __name__ == "__main__":
    main()
