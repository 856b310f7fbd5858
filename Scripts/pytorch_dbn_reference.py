"""Trains `dbn-mnist`'s fine-tuned DBN in PyTorch on the bundled MNIST and prints its test error per fine-tuning
epoch: the PyTorch figure that docs/results.md puts beside Latent's.

The recipe (as `latent reproduce dbn-mnist`): RBMs 784-500-500-2000, each trained for LAYER_EPOCHS epochs by
CD-1 (the RBM loop of pytorch_rbm_reference.py: W ~ N(0, 0.01^2), zero biases, weight decay 0.0002 on W,
torch.optim.SGD(lr 0.05, momentum 0.9), the rate falling linearly to 0 over the last sixth of the layer's updates).
Layer 0 reads the training images binarized stochastically per batch, each layer above the hidden probabilities of
the one below. Then a classifier Linear-Sigmoid x 3 starting from the RBMs' W and hidden biases, with a Linear layer
to 10 logits (PyTorch's default initialization), learns the labels by cross-entropy on the grey images for EPOCHS epochs:
torch.optim.SGD(lr LR, momentum 0.9, weight_decay WEIGHT_DECAY), the rate falling linearly to 0 over the last sixth.
With --validation-images N, the last N training images are held out (as `latent train --validation-images N`): every
stage trains on the others, and the error printed is on those N instead of on the test images. --dropout-hidden P and
--dropout-input P add torch.nn.Dropout after each sigmoid layer and before the first (the `dbn` options
fine_tune_dropout and fine_tune_input_dropout). --head-epochs N trains only the linear layer to the logits for the
first N fine-tuning epochs, as Hinton & Salakhutdinov 2006's code does (an experiment; Latent has no such option).
Developers only:
<venv>/bin/python Scripts/pytorch_dbn_reference.py [--layer-epochs 10] [--epochs 60] [--lr 0.1] [--weight-decay 0]
    [--validation-images 0] [--dropout-hidden 0] [--dropout-input 0] [--head-epochs 0] [--seed 1] [--threads 1]
"""
import argparse
import gzip
import time

import numpy as np
import torch
import torch.nn.functional as F

from pytorch_rbm_reference import DATA, cd_step, images, linear_decay


def labels(name):
    with gzip.open(DATA / name) as handle:
        raw = handle.read()
    return torch.from_numpy(np.frombuffer(raw, dtype=np.uint8, offset=8).astype(np.int64))


def falling(optimizer, updates):
    """The rate constant for five sixths of `updates`, then falling linearly to 0 over the last sixth."""
    return linear_decay(optimizer, updates - updates // 6, updates // 6)


def pretrain(train, sizes, epochs):
    """The RBMs' (W, hidden bias) pairs, trained greedily from the data up."""
    layers = []
    visible = 784
    for hidden in sizes:
        W = torch.randn(hidden, visible) * 0.01
        v_bias, h_bias = torch.zeros(visible), torch.zeros(hidden)
        optimizer = torch.optim.SGD([W, v_bias, h_bias], lr=0.05, momentum=0.9)
        scheduler = falling(optimizer, epochs * ((len(train) + 99) // 100))
        start = time.perf_counter()
        with torch.no_grad():
            for _ in range(epochs):
                order = torch.randperm(len(train))
                for index in range(0, len(train), 100):
                    v0 = torch.bernoulli(train[order[index:index + 100]])
                    for below_W, below_h_bias in layers:
                        v0 = torch.sigmoid(F.linear(v0, below_W, below_h_bias))
                    grad_W, grad_v, grad_h = cd_step(v0, W, v_bias, h_bias, 1)
                    W.grad, v_bias.grad, h_bias.grad = grad_W + 0.0002 * W, grad_v, grad_h
                    optimizer.step()
                    scheduler.step()
        print(f"layer {len(layers) + 1} ({visible}-{hidden}): {epochs} epochs in {time.perf_counter() - start:.1f} s", flush=True)
        layers.append((W, h_bias))
        visible = hidden
    return layers


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--layer-epochs", type=int, default=10)
    parser.add_argument("--epochs", type=int, default=60)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--weight-decay", type=float, default=0.0)
    parser.add_argument("--validation-images", type=int, default=0)
    parser.add_argument("--dropout-input", type=float, default=0.0)
    parser.add_argument("--dropout-hidden", type=float, default=0.0)
    parser.add_argument("--head-epochs", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    train, test = images("train-images-idx3-ubyte.gz"), images("t10k-images-idx3-ubyte.gz")
    train_labels, test_labels = labels("train-labels-idx1-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz")
    measured = "test"
    if args.validation_images > 0:
        kept = len(train) - args.validation_images
        train, test, train_labels, test_labels = train[:kept], train[kept:], train_labels[:kept], train_labels[kept:]
        measured = "validation"
    layers = pretrain(train, [500, 500, 2000], args.layer_epochs)
    modules = [torch.nn.Dropout(args.dropout_input)] if args.dropout_input > 0 else []
    for W, h_bias in layers:
        linear = torch.nn.Linear(W.shape[1], W.shape[0])
        with torch.no_grad():
            linear.weight.copy_(W)
            linear.bias.copy_(h_bias)
        modules += [linear, torch.nn.Sigmoid()]
        if args.dropout_hidden > 0:
            modules.append(torch.nn.Dropout(args.dropout_hidden))
    classifier = torch.nn.Sequential(*modules, torch.nn.Linear(2000, 10))
    optimizer = torch.optim.SGD(classifier.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.weight_decay)
    scheduler = falling(optimizer, args.epochs * ((len(train) + 99) // 100))
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        classifier.train()
        order = torch.randperm(len(train))
        for index in range(0, len(train), 100):
            batch = order[index:index + 100]
            loss = F.cross_entropy(classifier(train[batch]), train_labels[batch])
            optimizer.zero_grad()
            loss.backward()
            if epoch <= args.head_epochs:
                for parameter in list(classifier.parameters())[:-2]:
                    parameter.grad = None
            optimizer.step()
            scheduler.step()
        classifier.eval()
        with torch.no_grad():
            error = 100 * (classifier(test).argmax(1) != test_labels).float().mean().item()
        print(f"fine-tuning epoch {epoch}: {time.perf_counter() - start:.1f} s, {measured} error {error:.2f}%", flush=True)
    print(f"fine-tuned 784-500-500-2000 {measured} error {error:.2f}% ({args.layer_epochs} epochs per layer, {args.epochs} of "
          f"fine-tuning at lr {args.lr}, weight decay {args.weight_decay}, seed {args.seed})")


if __name__ == "__main__":
    main()
