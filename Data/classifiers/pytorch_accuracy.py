#!/usr/bin/env python3
"""Loads a shipped classifier into PyTorch's MNIST example net and prints its test accuracy.

    <venv>/bin/python Data/classifiers/pytorch_accuracy.py mnist
    <venv>/bin/python Data/classifiers/pytorch_accuracy.py fashion-mnist /usr/share/datasets/fashion-mnist

The first argument picks Data/classifiers/<variant>-classifier.safetensors; the second is the directory
holding the four IDX .gz files (default Data/<variant>). The state dict is loaded with strict=True, and
pixels are scaled to [-1, 1] as Latent trains: (p / 255 - 0.5) / 0.5. Needs torch, numpy, safetensors.
"""

import gzip
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file


class Net(nn.Module):
    """The network of pytorch/examples mnist/main.py, the layers and names of Latent's MNISTConvNet."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def features(self, x):
        """The 128 penultimate features: fc1 after its ReLU."""
        x = F.relu(self.conv2(F.relu(self.conv1(x))))
        x = self.dropout1(F.max_pool2d(x, 2))
        return F.relu(self.fc1(torch.flatten(x, 1)))

    def forward(self, x):
        return self.fc2(self.dropout2(self.features(x)))


def read_idx(path, offset):
    with gzip.open(path, "rb") as file:
        return np.frombuffer(file.read(), dtype=np.uint8, offset=offset)


def main():
    variant = sys.argv[1] if len(sys.argv) > 1 else "mnist"
    data = sys.argv[2] if len(sys.argv) > 2 else os.path.join("Data", variant)
    here = os.path.dirname(os.path.abspath(__file__))
    net = Net()
    net.load_state_dict(load_file(os.path.join(here, f"{variant}-classifier.safetensors")), strict=True)
    net.eval()
    images = read_idx(os.path.join(data, "t10k-images-idx3-ubyte.gz"), 16).reshape(-1, 1, 28, 28)
    labels = torch.from_numpy(read_idx(os.path.join(data, "t10k-labels-idx1-ubyte.gz"), 8).astype(np.int64))
    x = (torch.from_numpy(images.astype(np.float32)) / 255 - 0.5) / 0.5
    with torch.no_grad():
        logits = torch.cat([net(batch) for batch in x.split(1000)])
    loss = F.cross_entropy(logits, labels).item()
    accuracy = (logits.argmax(1) == labels).float().mean().item()
    print(f"{variant}: {len(labels)} test images, loss {loss:.4f}, accuracy {accuracy:.4f}")


if __name__ == "__main__":
    main()
