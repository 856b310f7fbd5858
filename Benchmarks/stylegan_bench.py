"""The `stylegan-32` case of pytorch_bench.py: one training step of the catalog's `stylegan` as
`latent train stylegan` runs it (Sources/LatentModels/GAN/StyleGAN/): a mapping network of 8 equalized
fully connected layers (128 units, learning rate x0.01), a synthesis network from a learned 4x4 constant
through AdaIN-styled layers (two per resolution, 4 to 32, min(128, 1024 / side) channels) with noise inputs,
cropped to 28x28; style mixing with probability 0.9; a discriminator that pads the images back to 32x32 with
-1, two 3x3 convolutions and average pooling per resolution, minibatch standard deviation, a 3x3 convolution
and two fully connected layers. One step: a discriminator update (non-saturating logistic loss plus R1 with
gamma 1 on the real batch), a generator update through the updated discriminator on the same fake batch,
Adam(0.002, betas (0, 0.99)) for both, then the moving average of G's weights (decay 0.999).
"""

import copy
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

LATENT = 128


def channels(side, most=128):
    return max(1, min(most, 1024 // side))


class EqualizedLinear(nn.Module):
    def __init__(self, fan_in, fan_out, lr_multiplier=1.0):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(fan_out, fan_in) / lr_multiplier)
        self.bias = nn.Parameter(torch.zeros(fan_out))
        self.scale = lr_multiplier * math.sqrt(2.0 / fan_in)
        self.lr_multiplier = lr_multiplier

    def forward(self, x):
        return F.linear(x, self.weight * self.scale, self.bias * self.lr_multiplier)


class EqualizedConv2d(nn.Module):
    def __init__(self, fan_in, fan_out, kernel, bias=True):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(fan_out, fan_in, kernel, kernel))
        self.bias = nn.Parameter(torch.zeros(fan_out)) if bias else None
        self.scale = math.sqrt(2.0 / (fan_in * kernel * kernel))
        self.padding = kernel // 2

    def forward(self, x):
        return F.conv2d(x, self.weight * self.scale, self.bias, padding=self.padding)


class StyleLayer(nn.Module):
    def __init__(self, fan_in, fan_out, upsamples, convolves=True):
        super().__init__()
        self.upsamples = upsamples
        self.conv = EqualizedConv2d(fan_in, fan_out, 3, bias=False) if convolves else None
        self.noise = nn.Parameter(torch.zeros(fan_out))
        self.bias = nn.Parameter(torch.zeros(fan_out))
        self.affine = EqualizedLinear(LATENT, 2 * fan_out)
        with torch.no_grad():
            self.affine.bias[:fan_out] = 1

    def forward(self, x, w):
        if self.upsamples:
            x = F.interpolate(x, scale_factor=2, mode="nearest")
        if self.conv is not None:
            x = self.conv(x)
        x = x + torch.randn(x.shape[0], 1, *x.shape[2:]) * self.noise[None, :, None, None]
        x = F.leaky_relu(x + self.bias[None, :, None, None], 0.2)
        scale, shift = self.affine(w).chunk(2, dim=1)
        mean = x.mean(dim=(2, 3), keepdim=True)
        var = x.var(dim=(2, 3), unbiased=False, keepdim=True)
        return (x - mean) / torch.sqrt(var + 1e-8) * scale[:, :, None, None] + shift[:, :, None, None]


class Generator(nn.Module):
    def __init__(self, mixing=0.9):
        super().__init__()
        self.mapping = nn.ModuleList(EqualizedLinear(LATENT, LATENT, 0.01) for _ in range(8))
        self.register_buffer("w_avg", torch.zeros(LATENT))
        self.const = nn.Parameter(torch.randn(1, channels(4), 4, 4))
        layers = [StyleLayer(channels(4), channels(4), False, convolves=False), StyleLayer(channels(4), channels(4), False)]
        for side in (8, 16, 32):
            layers += [StyleLayer(channels(side // 2), channels(side), True), StyleLayer(channels(side), channels(side), False)]
        self.layers = nn.ModuleList(layers)
        self.to_rgb = EqualizedConv2d(channels(32), 1, 1)
        self.mixing = mixing

    def map(self, z):
        x = z / torch.sqrt(z.pow(2).mean(dim=1, keepdim=True) + 1e-8)
        for layer in self.mapping:
            x = F.leaky_relu(layer(x), 0.2)
        if self.training:
            with torch.no_grad():
                self.w_avg.copy_(x.detach().mean(0).lerp(self.w_avg, 0.995))
        return x

    def forward(self, z):
        w = self.map(z)
        styles = [w] * len(self.layers)
        if self.training and torch.rand(()) < self.mixing:
            crossover = int(torch.randint(1, len(self.layers), ()))
            second = self.map(torch.randn_like(z))
            styles = styles[:crossover] + [second] * (len(self.layers) - crossover)
        x = self.const.expand(z.shape[0], -1, -1, -1)
        for layer, style in zip(self.layers, styles):
            x = layer(x, style)
        return self.to_rgb(x)[:, :, 2:30, 2:30]


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.from_rgb = EqualizedConv2d(1, channels(32), 1)
        self.blocks = nn.ModuleList(
            nn.ModuleList([EqualizedConv2d(channels(side), channels(side), 3), EqualizedConv2d(channels(side), channels(side // 2), 3)])
            for side in (32, 16, 8))
        self.conv = EqualizedConv2d(channels(4) + 1, channels(4), 3)
        self.hidden = EqualizedLinear(channels(4) * 16, channels(4))
        self.out = EqualizedLinear(channels(4), 1)

    def forward(self, images):
        x = F.leaky_relu(self.from_rgb(F.pad(images, (2, 2, 2, 2), value=-1.0)), 0.2)
        for first, second in self.blocks:
            x = F.avg_pool2d(F.leaky_relu(second(F.leaky_relu(first(x), 0.2)), 0.2), 2)
        deviation = torch.sqrt(x.var(dim=0, unbiased=False) + 1e-8).mean()
        x = torch.cat([x, deviation.expand(x.shape[0], 1, *x.shape[2:])], dim=1)
        x = F.leaky_relu(self.conv(x), 0.2)
        x = F.leaky_relu(self.hidden(x.flatten(1)), 0.2)
        return self.out(x)


def make_stylegan_step(batch, reals, gamma=1.0, decay=0.999):
    g, d = Generator(), Discriminator()
    g_ema = copy.deepcopy(g).eval()
    opt_g = torch.optim.Adam(g.parameters(), lr=0.002, betas=(0.0, 0.99))
    opt_d = torch.optim.Adam(d.parameters(), lr=0.002, betas=(0.0, 0.99))
    counter = [0]

    def step():
        real = reals[counter[0] % len(reals)].clone().requires_grad_()
        counter[0] += 1
        fake = g(torch.randn(batch, LATENT))
        real_scores = d(real)
        gradient, = torch.autograd.grad(real_scores.sum(), real, create_graph=True)
        r1 = gamma / 2 * gradient.pow(2).flatten(1).sum(1).mean()
        d_loss = F.softplus(-real_scores).mean() + F.softplus(d(fake.detach())).mean() + r1
        opt_d.zero_grad(set_to_none=True)
        d_loss.backward()
        opt_d.step()
        g_loss = F.softplus(-d(fake)).mean()
        opt_g.zero_grad(set_to_none=True)
        g_loss.backward()
        opt_g.step()
        with torch.no_grad():
            for average, weight in zip(g_ema.parameters(), g.parameters()):
                average.lerp_(weight, 1 - decay)
            for average, source in zip(g_ema.buffers(), g.buffers()):
                average.copy_(source)
        return d_loss.item() + g_loss.item()

    return step, batch
