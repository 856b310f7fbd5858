#!/usr/bin/env python3
"""progan's recipe in PyTorch, to tell the recipe's limits from Latent's.

Trains the `progan` catalog entry's networks on the bundled MNIST, digits padded with -1 to 32x32: G and D grow
from 4x4 by doubling, each resolution training for --lod-training-kimg thousand images before the next fades in
over --lod-transition-kimg (the level follows from the images shown); equalized learning rate, pixel norm in G,
minibatch standard deviation in D, WGAN-GP (lambda 10) with the drift term (epsilon 0.001), Adam(1e-3, betas 0, 0.99),
one critic step per G step, samples from a moving average of G's weights (0.999). After --steps steps of batch
--batch it writes --count samples of the average as PNG files into --out, which `latent eval DIR --json` scores
(digit FID against the MNIST test split) like Latent's own runs.

    <venv>/bin/python Scripts/pytorch_progan_reference.py --steps 600 --lod-training-kimg 6 --lod-transition-kimg 6 --out <dir>
    latent eval <dir> --json

Figures: docs/results.md (progan-mnist). Needs torch and numpy.
"""
import argparse, copy, gzip, math, os, struct, zlib
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
p = argparse.ArgumentParser()
p.add_argument("--steps", type=int, default=9375); p.add_argument("--batch", type=int, default=64)
p.add_argument("--lod-training-kimg", type=float, default=60); p.add_argument("--lod-transition-kimg", type=float, default=60)
p.add_argument("--fmap-base", type=int, default=512); p.add_argument("--fmap-max", type=int, default=128)
p.add_argument("--latent-size", type=int, default=128); p.add_argument("--seed", type=int, default=1)
p.add_argument("--threads", type=int, default=1); p.add_argument("--count", type=int, default=10000)
p.add_argument("--out", required=True)
a = p.parse_args()
torch.set_num_threads(a.threads); torch.manual_seed(a.seed)
FINAL, SIZE = 32, 28
MARGIN = (FINAL - SIZE) // 2
def idx(path, off): return np.frombuffer(gzip.open(path).read(), np.uint8, offset=off)
X = torch.from_numpy(idx(ROOT + "/Data/mnist/train-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28).astype(np.float32)) / 127.5 - 1
RES = [4 << i for i in range(int(math.log2(FINAL)) - 1)]
def nf(r): return max(min(a.fmap_base * 2 // r, a.fmap_max), 1)

class EqLinear(nn.Module):
    def __init__(self, i, o, gain=math.sqrt(2)):
        super().__init__(); self.weight = nn.Parameter(torch.randn(o, i)); self.bias = nn.Parameter(torch.zeros(o)); self.c = gain / math.sqrt(i)
    def forward(self, x): return F.linear(x, self.weight * self.c, self.bias)
class EqConv(nn.Module):
    def __init__(self, i, o, k, gain=math.sqrt(2)):
        super().__init__(); self.weight = nn.Parameter(torch.randn(o, i, k, k)); self.bias = nn.Parameter(torch.zeros(o))
        self.c, self.pad = gain / math.sqrt(i * k * k), k // 2
    def forward(self, x): return F.conv2d(x, self.weight * self.c, self.bias, padding=self.pad)
def pn(x): return x * torch.rsqrt(x.pow(2).mean(1, keepdim=True) + 1e-8)
def act(x): return F.leaky_relu(x, 0.2)

def level(images):
    train, trans = round(a.lod_training_kimg * 1000), round(a.lod_transition_kimg * 1000)
    phase = images // (train + trans)
    if phase >= len(RES) - 1: return len(RES) - 1, 1.0
    within = images - phase * (train + trans)
    return (phase, 1.0) if within < train else (phase + 1, (within - train) / trans)

class G(nn.Module):
    def __init__(self):
        super().__init__(); c = [nf(r) for r in RES]
        self.initial = EqLinear(a.latent_size, c[0] * 16, gain=math.sqrt(2) / 4); self.initial_conv = EqConv(c[0], c[0], 3)
        self.blocks = nn.ModuleList(nn.ModuleList([EqConv(c[s - 1], c[s], 3), EqConv(c[s], c[s], 3)]) for s in range(1, len(RES)))
        self.to_rgb = nn.ModuleList(EqConv(ch, 1, 1, gain=1) for ch in c)
    def forward(self, z, stage, alpha):
        x = pn(act(self.initial(pn(z))).view(z.shape[0], -1, 4, 4)); x = pn(act(self.initial_conv(x))); prev = x
        for b in self.blocks[:stage]:
            prev = x; x = F.interpolate(x, scale_factor=2, mode="nearest"); x = pn(act(b[1](pn(act(b[0](x))))))
        img = self.to_rgb[stage](x)
        if stage > 0 and alpha < 1: img = torch.lerp(F.interpolate(self.to_rgb[stage - 1](prev), scale_factor=2, mode="nearest"), img, alpha)
        img = F.interpolate(img, scale_factor=FINAL // img.shape[2], mode="nearest") if img.shape[2] < FINAL else img
        return img[:, :, MARGIN:MARGIN + SIZE, MARGIN:MARGIN + SIZE]

def stddev(x):
    s = torch.sqrt(x.var(0, unbiased=False) + 1e-8).mean()
    return torch.cat([x, s.expand(x.shape[0], 1, x.shape[2], x.shape[3])], 1)
class D(nn.Module):
    def __init__(self):
        super().__init__(); c = [nf(r) for r in RES]
        self.from_rgb = nn.ModuleList(EqConv(1, ch, 1) for ch in c)
        self.blocks = nn.ModuleList(nn.ModuleList([EqConv(c[s], c[s], 3), EqConv(c[s], c[s - 1], 3)]) for s in range(1, len(RES)))
        self.final_conv = EqConv(c[0] + 1, c[0], 3); self.dense = EqLinear(c[0] * 16, c[0]); self.score = EqLinear(c[0], 1, gain=1)
    def forward(self, img, stage, alpha):
        img = F.pad(img, [MARGIN] * 4, value=-1.0); f = FINAL // RES[stage]
        img = F.avg_pool2d(img, f) if f > 1 else img
        def block(s, x): b = self.blocks[s - 1]; return F.avg_pool2d(act(b[1](act(b[0](x)))), 2)
        x = act(self.from_rgb[stage](img))
        if stage > 0:
            x = block(stage, x)
            if alpha < 1: x = torch.lerp(act(self.from_rgb[stage - 1](F.avg_pool2d(img, 2))), x, alpha)
        for s in range(stage - 1, 0, -1): x = block(s, x)
        x = act(self.final_conv(stddev(x)))
        return self.score(act(self.dense(x.flatten(1))))

g, d = G(), D(); ema = copy.deepcopy(g).requires_grad_(False)
og = torch.optim.Adam(g.parameters(), 1e-3, betas=(0.0, 0.99)); od = torch.optim.Adam(d.parameters(), 1e-3, betas=(0.0, 0.99))
order, pos = torch.randperm(len(X)), 0
for step in range(a.steps):
    stage, alpha = level(step * a.batch)
    if pos + a.batch > len(X): order, pos = torch.randperm(len(X)), 0
    real = X[order[pos:pos + a.batch]]; pos += a.batch
    z = torch.randn(a.batch, a.latent_size); fake = g(z, stage, alpha)
    dr, df = d(real, stage, alpha), d(fake.detach(), stage, alpha)
    eps = torch.rand(a.batch, 1, 1, 1); mix = (eps * real + (1 - eps) * fake.detach()).requires_grad_(True)
    grad, = torch.autograd.grad(d(mix, stage, alpha).sum(), mix, create_graph=True)
    gp = ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
    loss_d = df.mean() - dr.mean() + 10 * gp + 0.001 * dr.pow(2).mean()
    od.zero_grad(); loss_d.backward(); od.step()
    loss_g = -d(fake, stage, alpha).mean()
    og.zero_grad(); loss_g.backward(); og.step()
    with torch.no_grad():
        for pe, pg in zip(ema.parameters(), g.parameters()): pe.lerp_(pg, 1 - 0.999)
    if step % 100 == 0: print(f"step {step} res {RES[stage]} alpha {alpha:.2f} loss_d {loss_d.item():.3f} loss_g {loss_g.item():.3f}", flush=True)
def write_png(path, pixels):
    """A grey 8-bit PNG of the uint8 array `pixels` (height x width)."""
    def chunk(kind, data): return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + row.tobytes() for row in pixels)
    header = struct.pack(">IIBBBBB", pixels.shape[1], pixels.shape[0], 8, 0, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
os.makedirs(a.out, exist_ok=True)
stage, alpha = level(a.steps * a.batch)
with torch.no_grad():
    for start in range(0, a.count, 500):
        imgs = ema(torch.randn(min(500, a.count - start), a.latent_size), stage, alpha).clamp(-1, 1)
        for i, im in enumerate(((imgs[:, 0] + 1) * 127.5).round().byte().numpy()):
            write_png(os.path.join(a.out, f"{start + i:05d}.png"), im)
print(f"wrote {a.count} samples after {a.steps * a.batch} images to {a.out}")
