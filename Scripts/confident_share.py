#!/usr/bin/env python3
"""Scores samples written by `latent sample RUN --tensor-out FILE` as dcgan-mnist's reproduction does.

Prints the share of the samples the shipped MNIST classifier labels with confidence >= 0.9 and the smallest share
of one digit among them. Samples in [0, 1] are mapped to [-1, 1], the classifier's input range.

    .build/release/latent sample RUN --count 10000 --seed 1 --tensor-out /tmp/samples.safetensors
    <venv>/bin/python Scripts/confident_share.py /tmp/samples.safetensors

Figures: docs/results.md (dcgan-mnist, the share after each epoch). Needs torch, safetensors.
"""
import os
import sys

import torch
from safetensors.torch import load_file

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(ROOT, "Data", "classifiers"))
from pytorch_accuracy import Net  # noqa: E402

samples = load_file(sys.argv[1])["samples"]
if samples.min() >= 0:
    samples = samples * 2 - 1
classifier = Net()
classifier.load_state_dict(load_file(os.path.join(ROOT, "Data", "classifiers", "mnist-classifier.safetensors")), strict=True)
classifier.eval()
with torch.no_grad():
    probabilities = torch.cat([torch.softmax(classifier(samples[i:i + 1000]), 1) for i in range(0, len(samples), 1000)])
confidence, digit = probabilities.max(1)
shares = torch.bincount(digit, minlength=10).float() / len(digit)
print(f"confident share {(confidence >= 0.9).float().mean().item():.4f}, smallest digit share {shares.min().item():.4f}")
