"""Trains the VAE of pytorch/examples (784-400-20, Adam 1e-3, batch 128) in PyTorch on the bundled MNIST
and prints the test negative ELBO per image after each epoch: the PyTorch figure that `latent reproduce
vae-mnist` is compared with. Developers only: python3 Scripts/pytorch_vae_reference.py [--epochs 7] [--seed 1]
"""
import argparse
import gzip
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

DATA = Path(__file__).resolve().parent.parent / "Data" / "mnist"


def images(name):
    with gzip.open(DATA / name) as handle:
        raw = handle.read()
    return torch.from_numpy(np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255)


class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1, self.fc21, self.fc22 = nn.Linear(784, 400), nn.Linear(400, 20), nn.Linear(400, 20)
        self.fc3, self.fc4 = nn.Linear(20, 400), nn.Linear(400, 784)

    def forward(self, x):
        hidden = F.relu(self.fc1(x))
        mean, log_variance = self.fc21(hidden), self.fc22(hidden)
        z = mean + torch.randn_like(mean) * torch.exp(0.5 * log_variance)
        return torch.sigmoid(self.fc4(F.relu(self.fc3(z)))), mean, log_variance


def negative_elbo(reconstruction, x, mean, log_variance):
    kl = -0.5 * torch.sum(1 + log_variance - mean.pow(2) - log_variance.exp())
    return F.binary_cross_entropy(reconstruction, x, reduction="sum") + kl


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    train, test = images("train-images-idx3-ubyte.gz"), images("t10k-images-idx3-ubyte.gz")
    model = VAE()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    start = time.time()
    for epoch in range(1, args.epochs + 1):
        model.train()
        for batch in torch.randperm(len(train)).split(128):
            x = train[batch]
            optimizer.zero_grad()
            loss = negative_elbo(*_unpack(model, x))
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            total = sum(negative_elbo(*_unpack(model, test[i:i + 1000])).item() for i in range(0, len(test), 1000))
        print(f"epoch {epoch} test negative ELBO per image {total / len(test):.2f} ({time.time() - start:.0f} s)", flush=True)


def _unpack(model, x):
    reconstruction, mean, log_variance = model(x)
    return reconstruction, x, mean, log_variance


if __name__ == "__main__":
    main()
