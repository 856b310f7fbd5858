#!/usr/bin/env python3
"""Writes the PyTorch reference values of Latent's MNISTConvNet parity test.

Run from the repository root with the PyTorch venv:

    <venv>/bin/python Scripts/make_classifier_fixtures.py

The committed fixture was produced by torch 2.13.0+cpu and safetensors 0.8.0 on one thread.

The network is PyTorch's MNIST example net as Data/classifiers/pytorch_accuracy.py defines it
(the same layers and names as `MNISTConvNet`). Its
weights are not stored: parameter number p (in state-dict order) with fan-in f holds, at flat index i,
    sin(1.3 * i + 0.5 * p) / sqrt(f)
computed in float64 and rounded to float32, which the Swift test recomputes. The images are four
28x28 patterns in [-1, 1] made the same way, cos(0.11 * i + n) for image n.

Written to Tests/LatentModelsTests/Fixtures/classifier-forward.safetensors:
  images [4,1,28,28], labels [4] (as floats), features [4,128] (fc1 after ReLU), logits [4,10],
  loss [] (mean cross-entropy), grad_conv1.weight [32,1,3,3], grad_fc2.weight [10,128],
  all in evaluation mode (dropout off).
"""

import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.torch import save_file

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Data", "classifiers"))
from pytorch_accuracy import Net  # noqa: E402  (the one PyTorch definition of the network)


FAN_IN = {"conv1": 9, "conv2": 288, "fc1": 9216, "fc2": 128}


def pattern(count, phase, frequency, function, scale):
    i = np.arange(count, dtype=np.float64)
    return (function(frequency * i + phase) * scale).astype(np.float32)


def main():
    torch.set_num_threads(1)
    net = Net().eval()
    state = {}
    for p, (name, tensor) in enumerate(net.state_dict().items()):
        scale = 1 / math.sqrt(FAN_IN[name.split(".")[0]])
        values = pattern(tensor.numel(), 0.5 * p, 1.3, np.sin, scale)
        state[name] = torch.from_numpy(values).reshape(tensor.shape)
    net.load_state_dict(state, strict=True)

    images = torch.from_numpy(np.stack([pattern(784, n, 0.11, np.cos, 1.0) for n in range(4)])).reshape(4, 1, 28, 28)
    labels = torch.tensor([3, 0, 7, 9])
    features = net.features(images)
    logits = net.fc2(features)
    loss = F.cross_entropy(logits, labels)
    loss.backward()

    out = {
        "images": images,
        "labels": labels.float(),
        "features": features.detach(),
        "logits": logits.detach(),
        "loss": loss.detach(),
        "grad_conv1.weight": net.conv1.weight.grad,
        "grad_fc2.weight": net.fc2.weight.grad,
    }
    directory = "Tests/LatentModelsTests/Fixtures"
    os.makedirs(directory, exist_ok=True)
    save_file({k: v.contiguous() for k, v in out.items()}, os.path.join(directory, "classifier-forward.safetensors"))
    print("loss", loss.item(), "logits[0]", logits[0].tolist())


if __name__ == "__main__":
    main()
