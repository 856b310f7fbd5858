#!/usr/bin/env python3
"""PyTorch reference benchmark for Latent's generative-model training steps.

Usage:
    python Benchmarks/pytorch_bench.py --model NAME --batch B --threads T --json \
        [--steps N --warmup W]

Prints exactly one JSON object on one line.  Models: mlp-gan, dcgan (the catalog's
default DCGAN-MNIST nets, InfoGAN's, with 1,024-unit hidden layers), dcgan-mnist (the
same without them), dcgan-32, wgan-gp (one critic step with gradient penalty), wgan-gp-full
(5 critic steps + 1 generator step), vae-mlp, infogan (the dcgan nets on 62 noise values, a 10-valued
categorical and 2 continuous codes, Q's FC 128 head on D's trunk, the information loss on both sides), bigan (the
catalog's MLP BiGAN: a joint discriminator update on (x, E(x)) against (G(z), z), then a generator and encoder
update), semi-gan (Salimans et al. 2016's MNIST step, the recipe of Scripts/pytorch_improved_gan_reference.py: a
discriminator update on a labelled batch drawn from 100 labelled images, the real batch and the fake batch, then a
generator update by feature matching).  All data are random tensors (uniform in [-1, 1], or [0, 1] for vae-mlp and
semi-gan) made before timing starts. stylegan-32 is the catalog's stylegan step (Benchmarks/stylegan_bench.py says what it
builds), on 28x28 digits synthesized at 32x32.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

Z_DIM = 100
REAL_POOL = 8
TARGET_SECONDS = 6.0  # default timed-step budget
MAX_DEFAULT_STEPS = 3000  # distinct real batches made up front and cycled through


# ----------------------------------------------------------------- models ---

def mlp_gan():
    g = nn.Sequential(
        nn.Linear(Z_DIM, 128), nn.LeakyReLU(0.01),
        nn.Linear(128, 784), nn.Tanh())
    d = nn.Sequential(
        nn.Linear(784, 128), nn.LeakyReLU(0.01),
        nn.Linear(128, 1), nn.Sigmoid())
    return g, d


class Reshape(nn.Module):
    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.view(x.shape[0], *self.shape)


def mnist_generator(hidden=0):
    first = [nn.Linear(Z_DIM, hidden, bias=False), nn.BatchNorm1d(hidden), nn.ReLU()] if hidden else []
    return nn.Sequential(
        *first,
        nn.Linear(hidden or Z_DIM, 128 * 7 * 7, bias=False),
        nn.BatchNorm1d(128 * 7 * 7), nn.ReLU(),
        Reshape(128, 7, 7),
        nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False),
        nn.BatchNorm2d(64), nn.ReLU(),
        nn.ConvTranspose2d(64, 1, 4, 2, 1),
        nn.Tanh())


def mnist_discriminator(batch_norm=True, hidden=0):
    layers = [nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2)]
    if batch_norm:
        layers += [nn.Conv2d(64, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128)]
    else:
        layers += [nn.Conv2d(64, 128, 4, 2, 1, bias=True)]
    layers += [nn.LeakyReLU(0.2), nn.Flatten()]
    if hidden:
        layers += [nn.Linear(128 * 7 * 7, hidden, bias=False), nn.BatchNorm1d(hidden), nn.LeakyReLU(0.2)]
    layers += [nn.Linear(hidden or 128 * 7 * 7, 1)]
    return nn.Sequential(*layers)


def dcgan_32():
    g = nn.Sequential(
        nn.ConvTranspose2d(Z_DIM, 256, 4, 1, 0, bias=False),
        nn.BatchNorm2d(256), nn.ReLU(),
        nn.ConvTranspose2d(256, 128, 4, 2, 1, bias=False),
        nn.BatchNorm2d(128), nn.ReLU(),
        nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False),
        nn.BatchNorm2d(64), nn.ReLU(),
        nn.ConvTranspose2d(64, 3, 4, 2, 1, bias=False),
        nn.Tanh())
    d = nn.Sequential(
        nn.Conv2d(3, 64, 4, 2, 1, bias=False), nn.LeakyReLU(0.2),
        nn.Conv2d(64, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128),
        nn.LeakyReLU(0.2),
        nn.Conv2d(128, 256, 4, 2, 1, bias=False), nn.BatchNorm2d(256),
        nn.LeakyReLU(0.2),
        nn.Conv2d(256, 1, 4, 1, 0, bias=False),
        nn.Flatten())
    return g, d


class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Linear(784, 400)
        self.mu = nn.Linear(400, 20)
        self.logvar = nn.Linear(400, 20)
        self.dec1 = nn.Linear(20, 400)
        self.dec2 = nn.Linear(400, 784)

    def forward(self, x):
        h = F.relu(self.enc(x))
        mu, logvar = self.mu(h), self.logvar(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        recon = torch.sigmoid(self.dec2(F.relu(self.dec1(z))))
        return recon, mu, logvar


# ------------------------------------------------------------------ steps ---

def real_pool(shape, low=-1.0, high=1.0):
    return [torch.rand(*shape) * (high - low) + low for _ in range(REAL_POOL)]


def make_gan_step(g, d, loss_fn, batch, z_shape, real_shape):
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    reals = real_pool(real_shape)
    ones = torch.ones(batch, 1)
    zeros = torch.zeros(batch, 1)
    counter = [0]

    def step():
        real = reals[counter[0] % REAL_POOL]
        counter[0] += 1
        z = torch.randn(*z_shape)
        fake = g(z)
        # Discriminator update.
        d_loss = loss_fn(d(real), ones) + loss_fn(d(fake.detach()), zeros)
        opt_d.zero_grad(set_to_none=True)
        d_loss.backward()
        opt_d.step()
        # Generator update through the (updated) discriminator, same fake.
        g_loss = loss_fn(d(fake), ones)
        opt_g.zero_grad(set_to_none=True)
        opt_d.zero_grad(set_to_none=True)
        g_loss.backward()
        opt_g.step()
        return d_loss.item() + g_loss.item()

    return step, batch


class InfoDiscriminator(nn.Module):
    """The dcgan discriminator's trunk with the real/fake score and InfoGAN's Q head (10 logits, 2 means)."""

    def __init__(self):
        super().__init__()
        self.trunk = nn.Sequential(*list(mnist_discriminator(batch_norm=True, hidden=1024).children())[:-1])
        self.score = nn.Linear(1024, 1)
        self.q = nn.Sequential(nn.Linear(1024, 128, bias=False), nn.BatchNorm1d(128), nn.LeakyReLU(0.2), nn.Linear(128, 12))

    def forward(self, x):
        h = self.trunk(x)
        return self.score(h), self.q(h)


def make_infogan_step(batch):
    g = nn.Sequential(*mnist_generator(hidden=1024).children())
    g[0] = nn.Linear(74, 1024, bias=False)
    d = InfoDiscriminator()
    opt_g = torch.optim.Adam(g.parameters(), lr=1e-3, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    reals = real_pool((batch, 1, 28, 28))
    ones, zeros = torch.ones(batch, 1), torch.zeros(batch, 1)
    counter = [0]

    def info(q, c, u):
        return F.cross_entropy(q[:, :10], c) + (0.5 * (u - q[:, 10:]) ** 2).sum(1).mean()

    def step():
        real = reals[counter[0] % REAL_POOL]
        counter[0] += 1
        c, u = torch.randint(0, 10, (batch,)), torch.rand(batch, 2) * 2 - 1
        fake = g(torch.cat([torch.randn(batch, 62), F.one_hot(c, 10).float(), u], 1))
        real_score, _ = d(real)
        fake_score, q = d(fake.detach())
        d_loss = F.binary_cross_entropy_with_logits(real_score, ones) + F.binary_cross_entropy_with_logits(fake_score, zeros) + info(q, c, u)
        opt_d.zero_grad(set_to_none=True)
        d_loss.backward()
        opt_d.step()
        fake_score, q = d(fake)
        g_loss = F.binary_cross_entropy_with_logits(fake_score, ones) + info(q, c, u)
        opt_g.zero_grad(set_to_none=True)
        opt_d.zero_grad(set_to_none=True)
        g_loss.backward()
        opt_g.step()
        return d_loss.item() + g_loss.item()

    return step, batch


def make_wgan_steps(batch, full):
    g = mnist_generator()
    d = mnist_discriminator(batch_norm=False)
    opt_g = torch.optim.Adam(g.parameters(), lr=1e-4, betas=(0.5, 0.9))
    opt_d = torch.optim.Adam(d.parameters(), lr=1e-4, betas=(0.5, 0.9))
    reals = real_pool((batch, 1, 28, 28))
    counter = [0]

    def critic_step():
        real = reals[counter[0] % REAL_POOL]
        counter[0] += 1
        z = torch.randn(batch, Z_DIM)
        with torch.no_grad():
            fake = g(z)
        eps = torch.rand(batch, 1, 1, 1)
        x_hat = (eps * real + (1.0 - eps) * fake).requires_grad_(True)
        grad, = torch.autograd.grad(d(x_hat).sum(), x_hat, create_graph=True)
        gp = ((grad.view(batch, -1).norm(2, dim=1) - 1.0) ** 2).mean()
        d_loss = d(fake).mean() - d(real).mean() + 10.0 * gp
        opt_d.zero_grad(set_to_none=True)
        d_loss.backward()
        opt_d.step()
        return d_loss.item()

    def generator_step():
        z = torch.randn(batch, Z_DIM)
        g_loss = -d(g(z)).mean()
        opt_g.zero_grad(set_to_none=True)
        g_loss.backward()
        opt_g.step()
        opt_d.zero_grad(set_to_none=True)
        return g_loss.item()

    if not full:
        return critic_step, batch

    def iteration():
        total = 0.0
        for _ in range(5):
            total += critic_step()
        return total + generator_step()

    return iteration, 5 * batch


def make_semi_gan_step(batch):
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Scripts"))
    from pytorch_improved_gan_reference import make_step  # noqa: E402

    step, _, _ = make_step(torch.rand(100, 1, 28, 28), torch.arange(100) % 10, batch, torch.Generator().manual_seed(0))
    reals = real_pool((batch, 1, 28, 28), 0.0, 1.0)
    counter = [0]

    def timed_step():
        counter[0] += 1
        return sum(step(reals[counter[0] % REAL_POOL]))

    return timed_step, batch


def make_vae_step(batch):
    model = VAE()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    reals = real_pool((batch, 784), 0.0, 1.0)
    counter = [0]

    def step():
        x = reals[counter[0] % REAL_POOL]
        counter[0] += 1
        recon, mu, logvar = model(x)
        bce = F.binary_cross_entropy(recon, x, reduction="sum")
        kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
        loss = bce + kl
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss.item()

    return step, batch


def make_bigan_step(batch, code=50):
    g = nn.Sequential(nn.Linear(code, 1024, bias=False), nn.BatchNorm1d(1024), nn.ReLU(),
                      nn.Linear(1024, 1024, bias=False), nn.BatchNorm1d(1024), nn.ReLU(),
                      nn.Linear(1024, 784), nn.Tanh(), nn.Unflatten(1, (1, 28, 28)))
    e = nn.Sequential(nn.Flatten(), nn.Linear(784, 1024), nn.LeakyReLU(0.2), nn.Linear(1024, 1024, bias=False),
                      nn.BatchNorm1d(1024), nn.LeakyReLU(0.2), nn.Linear(1024, code))
    j = nn.Sequential(nn.Linear(784 + code, 1024), nn.LeakyReLU(0.2), nn.Linear(1024, 1024), nn.LeakyReLU(0.2),
                      nn.Linear(1024, 1))
    opts = [torch.optim.Adam(m.parameters(), lr=2e-4, betas=(0.5, 0.999)) for m in (g, j, e)]
    reals = real_pool((batch, 1, 28, 28))
    ones, zeros = torch.ones(batch, 1), torch.zeros(batch, 1)
    bce = nn.BCEWithLogitsLoss()
    counter = [0]

    def d(x, z):
        return j(torch.cat([x.flatten(1), z], 1))

    def step():
        x = reals[counter[0] % REAL_POOL]
        counter[0] += 1
        z = torch.rand(batch, code) * 2 - 1
        fake, codes = g(z), e(x)
        d_loss = bce(d(x, codes.detach()), ones) + bce(d(fake.detach(), z), zeros)
        opts[1].zero_grad(set_to_none=True)
        d_loss.backward()
        opts[1].step()
        ge_loss = bce(d(fake, z), ones) + bce(d(x, codes), zeros)
        for o in opts:
            o.zero_grad(set_to_none=True)
        ge_loss.backward()
        opts[0].step()
        opts[2].step()
        return d_loss.item() + ge_loss.item()

    return step, batch


def make_pix2pix_step(batch):
    """pix2pix at 64x64 RGB as Latent's `pix2pix-64` case: U-Net G (6 halvings, ngf 64, batch norm, dropout in the level
    above the innermost), PatchGAN D (3 layers, ndf 64) on (A, B) pairs, one D update on real and detached fake pairs,
    then one G update with the cGAN term and 100 * L1; Adam(2e-4, betas (0.5, 0.999))."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Scripts"))
    from make_translation_fixtures import UNet, patch_gan
    g, d = UNet(3, 3, 6, 64, "batch", dropout=True), patch_gan(6, 64, 3, "batch")
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    bce = nn.BCEWithLogitsLoss()
    pool = real_pool((batch, 6, 64, 64))
    counter = [0]

    def step():
        pair = pool[counter[0] % REAL_POOL]; counter[0] += 1
        a, b = pair[:, :3], pair[:, 3:]
        fake = g(a)
        real_score, fake_score = d(pair), d(torch.cat([a, fake.detach()], 1))
        d_loss = bce(real_score, torch.ones_like(real_score)) + bce(fake_score, torch.zeros_like(fake_score))
        opt_d.zero_grad(); d_loss.backward(); opt_d.step()
        score = d(torch.cat([a, fake], 1))
        g_loss = bce(score, torch.ones_like(score)) + 100 * (fake - b).abs().mean()
        opt_g.zero_grad(); g_loss.backward(); opt_g.step()
        return d_loss.item() + g_loss.item()

    return step, batch


MODELS = {
    "mlp-gan": 200,
    "dcgan": 30,
    "dcgan-mnist": 30,
    "dcgan-32": 30,
    "wgan-gp": 30,
    "wgan-gp-full": 30,
    "vae-mlp": 200,
    "infogan": 30,
    "bigan": 30,
    "semi-gan": 30,
    "pix2pix-64": 10,
    "stylegan-32": 30,
}


def build(name, batch):
    if name == "mlp-gan":
        g, d = mlp_gan()
        return make_gan_step(g, d, nn.BCELoss(), batch,
                             (batch, Z_DIM), (batch, 784))
    if name == "dcgan":
        g, d = mnist_generator(hidden=1024), mnist_discriminator(batch_norm=True, hidden=1024)
        return make_gan_step(g, d, nn.BCEWithLogitsLoss(), batch,
                             (batch, Z_DIM), (batch, 1, 28, 28))
    if name == "dcgan-mnist":
        g, d = mnist_generator(), mnist_discriminator(batch_norm=True)
        return make_gan_step(g, d, nn.BCEWithLogitsLoss(), batch,
                             (batch, Z_DIM), (batch, 1, 28, 28))
    if name == "dcgan-32":
        g, d = dcgan_32()
        return make_gan_step(g, d, nn.BCEWithLogitsLoss(), batch,
                             (batch, Z_DIM, 1, 1), (batch, 3, 32, 32))
    if name in ("wgan-gp", "wgan-gp-full"):
        return make_wgan_steps(batch, full=(name == "wgan-gp-full"))
    if name == "vae-mlp":
        return make_vae_step(batch)
    if name == "infogan":
        return make_infogan_step(batch)
    if name == "bigan":
        return make_bigan_step(batch)
    if name == "semi-gan":
        return make_semi_gan_step(batch)
    if name == "pix2pix-64":
        return make_pix2pix_step(batch)
    if name == "stylegan-32":
        from stylegan_bench import make_stylegan_step
        return make_stylegan_step(batch, real_pool((batch, 1, 28, 28)))
    raise SystemExit(f"unknown model {name!r}; choose from {', '.join(MODELS)}")


# ------------------------------------------------------------------- main ---

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", required=True, choices=sorted(MODELS))
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--steps", type=int, default=None,
                   help="timed steps (default: at least 30 for conv models and "
                        "200 for MLPs, raised so timing takes about %g s)" % TARGET_SECONDS)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--json", action="store_true",
                   help="print one JSON line (the only output format)")
    p.add_argument("--verbose", action="store_true",
                   help="print losses to stderr")
    args = p.parse_args(argv)

    torch.set_num_threads(args.threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass  # already set (only possible once per process)
    torch.manual_seed(0)

    step, images_per_step = build(args.model, args.batch)

    warm_times = []
    for _ in range(args.warmup):
        t0 = time.perf_counter()
        loss = step()
        warm_times.append(time.perf_counter() - t0)
    if args.steps is not None:
        steps = args.steps
    else:
        steps = MODELS[args.model]
        if warm_times:
            # Aim for ~TARGET_SECONDS of timed work (warm-up median is a
            # slight over-estimate, so this errs on the short side).
            est = statistics.median(warm_times)
            steps = max(steps, min(MAX_DEFAULT_STEPS, int(TARGET_SECONDS / est)))
    times = []
    for i in range(steps):
        t0 = time.perf_counter()
        loss = step()
        times.append(time.perf_counter() - t0)
        if args.verbose and (i % max(1, steps // 5) == 0):
            print(f"step {i}: loss {loss:.4f} time {times[-1]:.4f}s", file=sys.stderr)

    median = statistics.median(times)
    result = {
        "model": args.model,
        "batch": args.batch,
        "threads": args.threads,
        "images_per_second": images_per_step / median,
        "steps": steps,
        "warmup": args.warmup,
        "median_step_seconds": median,
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "framework": "pytorch",
        "torch_version": torch.__version__,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
