#!/usr/bin/env python3
"""Writes the PyTorch reference values that Latent's parity tests compare against.

Run from the repository root with a CPU build of PyTorch and the `safetensors` package:

    python -m venv <venv>
    <venv>/bin/pip install torch --index-url https://download.pytorch.org/whl/cpu
    <venv>/bin/pip install safetensors numpy
    <venv>/bin/python Scripts/make_pytorch_fixtures.py

The committed fixtures were produced by torch 2.13.0+cpu, safetensors 0.8.0, numpy 2.4.6, except
batch_norm_statistics.json (torch 2.15.0+cu132, as its header says).
The output is deterministic: the seed is fixed and PyTorch runs on one thread.

Files written to Tests/LatentNNTests/Fixtures/:
  ops.json, layers.json, losses.json  cases: inputs, parameters, output, w and gradients
  optimizers.json                     parameter trajectories of 10 optimizer steps
  gradient_penalty.json               WGAN-GP penalty of a tiny critic and its parameter gradients
  dcgan_step.safetensors              one full DCGAN training step on MNIST-sized tensors
  batch_norm_statistics.json          running statistics re-estimated by update_bn over three batches

Conventions shared by the JSON files:
  * a tensor is {"name", "shape", "values"} with values flat in row-major order;
  * inputs and parameters are rounded to 6 significant digits before use, so their JSON text
    reads back as exactly the Float32 values PyTorch used; outputs and gradients are written
    with 8 significant digits;
  * "gradients" holds d/dx of sum(output * w) for every input and then every parameter, in order,
    with the random "w" given in the case;
  * "constants" are inputs that are not differentiated (indices, labels, targets).
"""

import json
import math
import os
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file

SEED = 0
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "Tests", "LatentNNTests", "Fixtures")


# ---------------------------------------------------------------------------------------------
# Tensor helpers
# ---------------------------------------------------------------------------------------------

def quantize(t):
    """Rounds values to 6 significant digits: such decimals read back as exactly the same Float32."""
    values = t.detach().double().numpy()
    rounded = np.array([float(f"{v:.6g}") for v in values.reshape(-1)], dtype=np.float64)
    return torch.from_numpy(rounded.reshape(values.shape)).to(t.dtype)


def randn(*shape, scale=1.0, shift=0.0):
    return quantize(torch.randn(shape) * scale + shift)


def uniform(*shape, low=0.0, high=1.0):
    return quantize(torch.rand(shape) * (high - low) + low)


def away_from_zero(*shape, low=0.2):
    """Normal values pushed at least `low` from zero (for kinks such as relu at 0)."""
    x = torch.randn(shape)
    return quantize(torch.where(x >= 0, x + low, x - low))


def encode(name, t, digits=8):
    values = t.detach().to(torch.float64).reshape(-1).tolist()
    for v in values:
        assert math.isfinite(v), f"{name}: non-finite value"
    return {"name": name, "shape": list(t.shape), "values": [float(f"{v:.{digits}g}") for v in values]}


def encode_exact(name, t):
    """Inputs and parameters: already 6-digit values, written back with 6 digits."""
    return encode(name, t, digits=6)


def weight_for(output):
    return uniform(*output.shape, low=0.5, high=1.5)


# ---------------------------------------------------------------------------------------------
# Element-wise and structural ops
# ---------------------------------------------------------------------------------------------

def op_case(name, op, fn, inputs, constants=(), args=None):
    """`inputs` are (name, tensor) pairs that get gradients; `fn` takes them and the constants."""
    leaves = [(n, t.clone().requires_grad_(True)) for n, t in inputs]
    out = fn(*[t for _, t in leaves], *[t for _, t in constants])
    w = weight_for(out)
    (out * w).sum().backward()
    return OrderedDict(
        name=name, op=op, args=args or {},
        inputs=[encode_exact(n, t) for n, t in leaves],
        constants=[encode_exact(n, t) for n, t in constants],
        output=encode("output", out),
        w=encode_exact("w", w),
        gradients=[encode(n, t.grad) for n, t in leaves],
    )


def op_cases():
    cases = []
    a3, b2 = randn(2, 3, 4), randn(3, 1)
    cases.append(op_case("add_broadcast", "add", torch.add, [("a", a3), ("b", b2)]))
    cases.append(op_case("sub_broadcast", "sub", torch.sub, [("a", randn(2, 1, 4)), ("b", randn(3, 1))]))
    cases.append(op_case("mul_broadcast", "mul", torch.mul, [("a", randn(2, 3, 4)), ("b", randn(4))]))
    cases.append(op_case("div_broadcast", "div", torch.div,
                         [("a", randn(2, 3, 4)), ("b", uniform(1, 3, 1, low=0.5, high=2.0))]))

    x = randn(3, 5)
    cases.append(op_case("exp", "exp", torch.exp, [("x", x)]))
    cases.append(op_case("log", "log", torch.log, [("x", uniform(3, 5, low=0.2, high=3.0))]))
    cases.append(op_case("sqrt", "sqrt", torch.sqrt, [("x", uniform(3, 5, low=0.2, high=3.0))]))
    cases.append(op_case("tanh", "tanh", torch.tanh, [("x", randn(3, 5, scale=2))]))
    cases.append(op_case("sigmoid", "sigmoid", torch.sigmoid, [("x", randn(3, 5, scale=2))]))
    cases.append(op_case("relu", "relu", F.relu, [("x", away_from_zero(3, 5))]))
    cases.append(op_case("leaky_relu", "leaky_relu", lambda t: F.leaky_relu(t, 0.2),
                         [("x", away_from_zero(3, 5))], args={"negative_slope": 0.2}))
    cases.append(op_case("elu", "elu", F.elu, [("x", away_from_zero(3, 5, low=0.1) * 2)], args={"alpha": 1.0}))
    cases.append(op_case("softplus", "softplus", F.softplus, [("x", randn(3, 5, scale=3))],
                         args={"beta": 1.0, "threshold": 20.0}))
    cases.append(op_case("pow_scalar", "pow", lambda t: torch.pow(t, 3.0), [("x", randn(3, 5))],
                         args={"exponent": 3.0}))
    cases.append(op_case("pow_fractional", "pow", lambda t: torch.pow(t, 2.5),
                         [("x", uniform(3, 5, low=0.2, high=2.0))], args={"exponent": 2.5}))
    cases.append(op_case("pow_tensor", "pow", torch.pow,
                         [("x", uniform(2, 3, low=0.5, high=2.0)), ("exponent", randn(3))]))

    r = randn(2, 3, 4, 5)
    for dims, keep in [([1], False), ([0, 2], True), ([-1], True), ([], False)]:
        suffix = "_".join(str(d) for d in dims) or "all"
        k = "_keepdim" if keep else ""
        args = {"dim": dims, "keepdim": keep}
        cases.append(op_case(f"sum_{suffix}{k}", "sum",
                             lambda t, d=dims, kd=keep: t.sum(dim=d, keepdim=kd) if d else t.sum(), [("x", r)], args=args))
        cases.append(op_case(f"mean_{suffix}{k}", "mean",
                             lambda t, d=dims, kd=keep: t.mean(dim=d, keepdim=kd) if d else t.mean(), [("x", r)], args=args))
    for dims, keep in [([1], False), ([0, 2], True), ([-1], True)]:
        suffix = "_".join(str(d) for d in dims)
        k = "_keepdim" if keep else ""
        args = {"dim": dims, "keepdim": keep}
        cases.append(op_case(f"var_{suffix}{k}", "var",
                             lambda t, d=dims, kd=keep: torch.var(t, dim=d, unbiased=True, keepdim=kd),
                             [("x", r)], args=dict(args, unbiased=True)))
        cases.append(op_case(f"amax_{suffix}{k}", "amax",
                             lambda t, d=dims, kd=keep: torch.amax(t, dim=d, keepdim=kd), [("x", r)], args=args))
        cases.append(op_case(f"logsumexp_{suffix}{k}", "logsumexp",
                             lambda t, d=dims, kd=keep: torch.logsumexp(t, dim=d, keepdim=kd), [("x", r)], args=args))

    cases.append(op_case("matmul_2d", "matmul", torch.matmul, [("a", randn(3, 4)), ("b", randn(4, 5))]))
    cases.append(op_case("matmul_batched", "matmul", torch.matmul, [("a", randn(2, 3, 4)), ("b", randn(2, 4, 5))]))
    cases.append(op_case("matmul_broadcast", "matmul", torch.matmul, [("a", randn(2, 3, 4)), ("b", randn(4, 5))]))
    cases.append(op_case("permute", "permute", lambda t: t.permute(2, 0, 3, 1), [("x", randn(2, 3, 4, 5))],
                         args={"dims": [2, 0, 3, 1]}))

    s = randn(2, 3, 4, scale=2)
    for dim in [1, -1]:
        cases.append(op_case(f"softmax_{dim}", "softmax", lambda t, d=dim: F.softmax(t, dim=d), [("x", s)],
                             args={"dim": dim}))
        cases.append(op_case(f"log_softmax_{dim}", "log_softmax", lambda t, d=dim: F.log_softmax(t, dim=d),
                             [("x", s)], args={"dim": dim}))

    conv_configs = [
        ("conv2d_stride2_pad1", dict(stride=2, padding=1, dilation=1, groups=1), (2, 3, 7, 6), (4, 3, 3, 3)),
        ("conv2d_dilation2", dict(stride=1, padding=1, dilation=2, groups=1), (2, 3, 7, 6), (4, 3, 3, 3)),
        ("conv2d_groups2", dict(stride=1, padding=0, dilation=1, groups=2), (2, 4, 5, 5), (6, 2, 3, 3)),
    ]
    for name, cfg, xs, ws in conv_configs:
        cases.append(op_case(name, "conv2d", lambda x_, w_, b_, c=cfg: F.conv2d(x_, w_, b_, **c),
                             [("input", randn(*xs)), ("weight", randn(*ws, scale=0.3)), ("bias", randn(ws[0]))],
                             args=cfg))
    cfg = dict(stride=2, padding=1, output_padding=1, groups=1, dilation=1)
    cases.append(op_case("conv_transpose2d_stride2", "conv_transpose2d",
                         lambda x_, w_, b_: F.conv_transpose2d(x_, w_, b_, **cfg),
                         [("input", randn(2, 3, 4, 5)), ("weight", randn(3, 2, 3, 3, scale=0.3)), ("bias", randn(2))],
                         args=cfg))

    p = randn(2, 3, 7, 6)
    for include in [False, True]:
        cfg = dict(kernel_size=3, stride=2, padding=1, ceil_mode=False, count_include_pad=include)
        cases.append(op_case(f"avg_pool2d_count_include_pad_{str(include).lower()}", "avg_pool2d",
                             lambda t, c=cfg: F.avg_pool2d(t, **c), [("x", p)], args=cfg))
    cfg = dict(kernel_size=2, stride=2, padding=0)
    cases.append(op_case("max_pool2d_k2", "max_pool2d", lambda t: F.max_pool2d(t, **cfg), [("x", p)], args=cfg))
    cfg3 = dict(kernel_size=3, stride=2, padding=1)
    cases.append(op_case("max_pool2d_k3_pad1", "max_pool2d", lambda t: F.max_pool2d(t, **cfg3), [("x", p)], args=cfg3))

    img = randn(2, 3, 3, 4)
    cases.append(op_case("interpolate_nearest_x2", "interpolate",
                         lambda t: F.interpolate(t, scale_factor=2, mode="nearest"), [("x", img)],
                         args={"scale_factor": 2, "mode": "nearest"}))
    cases.append(op_case("interpolate_bilinear_up", "interpolate",
                         lambda t: F.interpolate(t, size=(5, 7), mode="bilinear", align_corners=False), [("x", img)],
                         args={"size": [5, 7], "mode": "bilinear", "align_corners": False}))
    cases.append(op_case("interpolate_bilinear_down", "interpolate",
                         lambda t: F.interpolate(t, size=(2, 3), mode="bilinear", align_corners=False), [("x", img)],
                         args={"size": [2, 3], "mode": "bilinear", "align_corners": False}))

    cases.append(op_case("pad_constant", "pad", lambda t: F.pad(t, (1, 2, 0, 1), mode="constant", value=0.5),
                         [("x", img)], args={"pad": [1, 2, 0, 1], "mode": "constant", "value": 0.5}))
    cases.append(op_case("pad_reflect", "pad", lambda t: F.pad(t, (1, 2, 2, 1), mode="reflect"),
                         [("x", img)], args={"pad": [1, 2, 2, 1], "mode": "reflect"}))

    index = torch.tensor([[0, 2, 2, 1], [3, 0, 1, 1], [2, 2, 0, 3]], dtype=torch.int64)
    cases.append(op_case("gather_dim1", "gather", lambda t, i: torch.gather(t, 1, i.long()),
                         [("x", randn(3, 4))], constants=[("index", index.float())], args={"dim": 1}))
    cases.append(op_case("cat_dim1", "cat", lambda a, b: torch.cat([a, b], dim=1),
                         [("a", randn(2, 3, 4)), ("b", randn(2, 2, 4))], args={"dim": 1}))
    cases.append(op_case("stack_dim1", "stack", lambda a, b: torch.stack([a, b], dim=1),
                         [("a", randn(2, 3)), ("b", randn(2, 3))], args={"dim": 1}))
    return cases


# ---------------------------------------------------------------------------------------------
# Layers
# ---------------------------------------------------------------------------------------------

def prepare_module(module):
    """Quantizes every parameter and buffer and gives norm layers non-trivial affine values and stats."""
    with torch.no_grad():
        for name, p in module.named_parameters():
            if isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d, nn.LayerNorm, nn.InstanceNorm2d, nn.GroupNorm)):
                p.copy_((1.0 if name == "weight" else 0.0) + 0.3 * torch.randn_like(p))
            p.copy_(quantize(p))
        for name, b in module.named_buffers():
            if name == "running_mean":
                b.copy_(quantize(0.5 * torch.randn_like(b)))
            elif name == "running_var":
                b.copy_(quantize(torch.rand_like(b) + 0.5))
    return module


def layer_case(name, module, args, x, constants=False):
    prepare_module(module)
    cases = []
    initial = {k: v.clone() for k, v in module.state_dict().items()}
    for mode in ["train", "eval"]:
        module.load_state_dict(initial)
        module.train(mode == "train")
        module.zero_grad()
        state = [encode_exact(k, v.float()) for k, v in module.state_dict().items()]
        if constants:
            leaves, inputs = [], []
            out = module(x)
            const = [encode_exact("input", x.float())]
        else:
            xin = x.clone().requires_grad_(True)
            leaves, inputs, const = [("input", xin)], [encode_exact("input", xin)], []
            out = module(xin)
        w = weight_for(out)
        (out * w).sum().backward()
        grads = [encode(n, t.grad) for n, t in leaves]
        grads += [encode(n, p.grad) for n, p in module.named_parameters()]
        cases.append(OrderedDict(
            name=f"{name}_{mode}", module=type(module).__name__, args=args, mode=mode,
            state_dict=state, inputs=inputs, constants=const,
            output=encode("output", out), w=encode_exact("w", w), gradients=grads,
            state_after=[encode(k, v.float()) for k, v in module.state_dict().items()
                         if k not in dict(module.named_parameters())],
        ))
    return cases


def layer_cases():
    cases = []
    cases += layer_case("linear", nn.Linear(5, 3), {"in_features": 5, "out_features": 3, "bias": True}, randn(4, 5))
    cases += layer_case("linear_3d_no_bias", nn.Linear(5, 3, bias=False),
                        {"in_features": 5, "out_features": 3, "bias": False}, randn(2, 4, 5))
    cfg = dict(in_channels=3, out_channels=4, kernel_size=3, stride=2, padding=1, bias=True)
    cases += layer_case("conv2d", nn.Conv2d(**cfg), cfg, randn(2, 3, 7, 6))
    cfg = dict(in_channels=3, out_channels=2, kernel_size=4, stride=2, padding=1, bias=True)
    cases += layer_case("conv_transpose2d", nn.ConvTranspose2d(**cfg), cfg, randn(2, 3, 3, 4))
    cfg = dict(num_features=4, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True)
    cases += layer_case("batch_norm1d", nn.BatchNorm1d(**cfg), cfg, randn(6, 4, scale=2, shift=0.5))
    cases += layer_case("batch_norm2d", nn.BatchNorm2d(**cfg), cfg, randn(3, 4, 3, 2, scale=2, shift=0.5))
    cfg = dict(normalized_shape=[5], eps=1e-5, elementwise_affine=True)
    cases += layer_case("layer_norm", nn.LayerNorm(**cfg), cfg, randn(3, 4, 5, scale=2, shift=0.5))
    cfg = dict(num_features=3, eps=1e-5, affine=True, track_running_stats=False)
    cases += layer_case("instance_norm2d", nn.InstanceNorm2d(**cfg), cfg, randn(2, 3, 4, 3, scale=2, shift=0.5))
    cfg = dict(num_groups=2, num_channels=4, eps=1e-5, affine=True)
    cases += layer_case("group_norm", nn.GroupNorm(**cfg), cfg, randn(2, 4, 3, 3, scale=2, shift=0.5))
    cfg = dict(num_embeddings=6, embedding_dim=3)
    indices = torch.tensor([[0, 5, 2, 2], [1, 0, 4, 2]], dtype=torch.int64)
    cases += layer_case("embedding", nn.Embedding(**cfg), cfg, indices, constants=True)
    return cases


# ---------------------------------------------------------------------------------------------
# Losses
# ---------------------------------------------------------------------------------------------

def vae_kl(mu, logvar):
    return -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())


def loss_cases():
    cases = []
    probs = uniform(4, 3, low=0.05, high=0.95)
    soft = uniform(4, 3)
    hard = (torch.rand(4, 3) > 0.5).float()
    cases.append(op_case("binary_cross_entropy", "binary_cross_entropy",
                         lambda p, t: F.binary_cross_entropy(p, t), [("input", probs)], [("target", soft)],
                         args={"reduction": "mean"}))
    cases.append(op_case("binary_cross_entropy_sum", "binary_cross_entropy",
                         lambda p, t: F.binary_cross_entropy(p, t, reduction="sum"), [("input", probs)],
                         [("target", hard)], args={"reduction": "sum"}))
    logits = randn(4, 3, scale=2)
    pos_weight = uniform(3, low=0.5, high=3.0)
    cases.append(op_case("binary_cross_entropy_with_logits", "binary_cross_entropy_with_logits",
                         lambda x, t: F.binary_cross_entropy_with_logits(x, t), [("input", logits)],
                         [("target", hard)], args={"reduction": "mean"}))
    cases.append(op_case("binary_cross_entropy_with_logits_pos_weight", "binary_cross_entropy_with_logits",
                         lambda x, t, pw: F.binary_cross_entropy_with_logits(x, t, pos_weight=pw),
                         [("input", logits)], [("target", soft), ("pos_weight", pos_weight)],
                         args={"reduction": "mean"}))
    a, b = randn(4, 3), randn(4, 3)
    cases.append(op_case("mse_loss", "mse_loss", F.mse_loss, [("input", a)], [("target", b)], args={"reduction": "mean"}))
    cases.append(op_case("l1_loss", "l1_loss", F.l1_loss, [("input", a)], [("target", b)], args={"reduction": "mean"}))
    ce_logits = randn(5, 4, scale=2)
    labels = torch.tensor([0, 3, 1, 1, 2]).float()
    cases.append(op_case("cross_entropy_labels", "cross_entropy",
                         lambda x, y: F.cross_entropy(x, y.long()), [("input", ce_logits)], [("target", labels)],
                         args={"reduction": "mean", "label_smoothing": 0.0}))
    cases.append(op_case("cross_entropy_labels_smoothing", "cross_entropy",
                         lambda x, y: F.cross_entropy(x, y.long(), label_smoothing=0.1), [("input", ce_logits)],
                         [("target", labels)], args={"reduction": "mean", "label_smoothing": 0.1}))
    spatial_labels = torch.randint(0, 3, (2, 2, 3)).float()
    cases.append(op_case("cross_entropy_labels_spatial", "cross_entropy",
                         lambda x, y: F.cross_entropy(x, y.long(), label_smoothing=0.1), [("input", randn(2, 3, 2, 3))],
                         [("target", spatial_labels)], args={"reduction": "mean", "label_smoothing": 0.1}))
    target_probs = quantize(F.softmax(torch.randn(5, 4), dim=1))
    cases.append(op_case("cross_entropy_probabilities", "cross_entropy",
                         lambda x, p: F.cross_entropy(x, p), [("input", ce_logits)], [("target", target_probs)],
                         args={"reduction": "mean", "label_smoothing": 0.0}))
    cases.append(op_case("vae_kl", "vae_kl", vae_kl, [("mu", randn(3, 4)), ("logvar", randn(3, 4, scale=0.5))],
                         args={"formula": "-0.5 * sum(1 + logvar - mu^2 - exp(logvar)) over all elements"}))
    return cases


# ---------------------------------------------------------------------------------------------
# Optimizers
# ---------------------------------------------------------------------------------------------

OPTIMIZER_LOSS = "sum((p - target)^2) + 0.1 * sum(p^4)"


def optimizer_fixture():
    initial = randn(6)
    target = randn(6)
    configs = [
        ("sgd_nesterov", "SGD", dict(lr=0.05, momentum=0.9, dampening=0.0, weight_decay=0.01, nesterov=True)),
        ("adam_betas", "Adam", dict(lr=0.1, betas=[0.5, 0.999], eps=1e-8, weight_decay=0.0, amsgrad=False)),
        ("adam_weight_decay", "Adam", dict(lr=0.1, betas=[0.9, 0.999], eps=1e-8, weight_decay=0.1, amsgrad=False)),
        ("adamw", "AdamW", dict(lr=0.1, betas=[0.9, 0.999], eps=1e-8, weight_decay=0.01, amsgrad=False)),
        ("rmsprop_centered", "RMSprop", dict(lr=0.01, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.9,
                                             centered=True)),
    ]
    cases = []
    for name, kind, hp in configs:
        p = initial.clone().requires_grad_(True)
        kwargs = dict(hp)
        if "betas" in kwargs:
            kwargs["betas"] = tuple(kwargs["betas"])
        opt = getattr(torch.optim, kind)([p], foreach=False, **kwargs)
        losses, trajectory = [], []
        for _ in range(10):
            opt.zero_grad()
            loss = ((p - target) ** 2).sum() + 0.1 * (p ** 4).sum()
            loss.backward()
            opt.step()
            losses.append(float(f"{loss.item():.8g}"))
            trajectory.append(encode("params", p)["values"])
        cases.append(OrderedDict(name=name, optimizer=kind, hyperparameters=hp, losses=losses, params=trajectory))
    return OrderedDict(
        loss=OPTIMIZER_LOSS, steps=10,
        note="losses[i] is the loss before step i+1; params[i] is the parameter after step i+1",
        initial=encode_exact("p", initial), target=encode_exact("target", target), cases=cases,
    )


# ---------------------------------------------------------------------------------------------
# WGAN-GP gradient penalty (second order)
# ---------------------------------------------------------------------------------------------

def gradient_penalty_fixture():
    critic = nn.Sequential(nn.Linear(4, 5), nn.LeakyReLU(0.2), nn.Linear(5, 1))
    prepare_module(critic)
    real, fake = randn(3, 4), randn(3, 4)
    alpha = uniform(3, 1)
    state = [encode_exact(k, v) for k, v in critic.state_dict().items()]
    interpolates = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
    scores = critic(interpolates)
    (input_grad,) = torch.autograd.grad(scores.sum(), interpolates, create_graph=True)
    penalty = ((input_grad.norm(2, dim=1) - 1) ** 2).mean()
    penalty.backward()
    return OrderedDict(
        critic="Sequential(Linear(4, 5), LeakyReLU(0.2), Linear(5, 1))",
        formula="x = alpha * real + (1 - alpha) * fake; g = d(sum(critic(x)))/dx; "
                "penalty = mean((||g||_2 over dim 1 - 1)^2); gradients are d(penalty)/d(critic parameters)",
        state_dict=state,
        real=encode_exact("real", real), fake=encode_exact("fake", fake), alpha=encode_exact("alpha", alpha),
        interpolates=encode("interpolates", interpolates), scores=encode("scores", scores),
        input_gradient=encode("input_gradient", input_grad),
        penalty=float(f"{penalty.item():.8g}"),
        # The last bias does not change the input gradient, so its gradient is zero (None in PyTorch).
        gradients=[encode(n, p.grad if p.grad is not None else torch.zeros_like(p))
                   for n, p in critic.named_parameters()],
    )


# ---------------------------------------------------------------------------------------------
# Batch-norm statistics re-estimated over batches (torch.optim.swa_utils.update_bn)
# ---------------------------------------------------------------------------------------------

def batch_norm_statistics_fixture():
    torch.manual_seed(SEED)
    model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2), nn.BatchNorm1d(2, momentum=0.3))
    prepare_module(model)
    with torch.no_grad():
        for layer in (model[1], model[4]):
            layer.running_mean.copy_(quantize(0.5 * torch.randn_like(layer.running_mean)))
            layer.running_var.copy_(quantize(torch.rand_like(layer.running_var) + 0.5))
            layer.num_batches_tracked.fill_(7)
    state = [encode_exact(k, v) for k, v in model.state_dict().items()]
    batches = [randn(5, 3, scale=2, shift=0.5), randn(4, 3), randn(6, 3, scale=0.5, shift=-1)]
    model.eval()
    torch.optim.swa_utils.update_bn(batches, model)
    return OrderedDict(
        module="Sequential(Linear(3, 4), BatchNorm1d(4), ReLU(), Linear(4, 2), BatchNorm1d(2, momentum=0.3)), in eval mode",
        call="torch.optim.swa_utils.update_bn(batches, module)",
        state_dict=state,
        batches=[encode_exact(f"batch{i}", b) for i, b in enumerate(batches)],
        buffers_after=[encode(k, v.float()) for k, v in model.state_dict().items() if "running" in k or "tracked" in k],
    )


# ---------------------------------------------------------------------------------------------
# One DCGAN training step
# ---------------------------------------------------------------------------------------------

class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Linear(100, 128 * 7 * 7, bias=False), nn.BatchNorm1d(128 * 7 * 7), nn.ReLU(),
            nn.Unflatten(1, (128, 7, 7)),
            nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
            nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh(),
        )

    def forward(self, z):
        return self.main(z)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(64, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
            nn.Flatten(), nn.Linear(128 * 7 * 7, 1),
        )

    def forward(self, x):
        return self.main(x)


def dcgan_fixture(batch=4):
    g, d = Generator(), Discriminator()
    tensors = OrderedDict()
    for prefix, model in [("G", g), ("D", d)]:
        for k, v in model.state_dict().items():
            if v.is_floating_point():
                tensors[f"{prefix}.init.{k}"] = v.clone()
    z = torch.randn(batch, 100)
    real = torch.rand(batch, 1, 28, 28) * 2 - 1
    bce = nn.BCEWithLogitsLoss()
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999), foreach=False)
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999), foreach=False)
    g.train()
    d.train()

    fake = g(z)
    opt_d.zero_grad()
    d_real = d(real)
    d_fake = d(fake.detach())
    d_loss = bce(d_real, torch.ones_like(d_real)) + bce(d_fake, torch.zeros_like(d_fake))
    d_loss.backward()
    opt_d.step()

    opt_g.zero_grad()
    g_scores = d(fake)
    g_loss = bce(g_scores, torch.ones_like(g_scores))
    g_loss.backward()
    opt_g.step()

    for prefix, model in [("G", g), ("D", d)]:
        for k, v in model.state_dict().items():
            if v.is_floating_point():
                tensors[f"{prefix}.after.{k}"] = v.clone()
    tensors.update(z=z, real=real, fake=fake.detach(), d_real=d_real.detach(), d_fake=d_fake.detach(),
                   g_scores=g_scores.detach(), d_loss=d_loss.detach().reshape(1), g_loss=g_loss.detach().reshape(1))
    metadata = {
        "torch_version": torch.__version__,
        "batch": str(batch),
        "generator": "main: 0 Linear(100,6272,bias=False) 1 BatchNorm1d(6272) 2 ReLU 3 Unflatten(1,(128,7,7)) "
                     "4 ConvTranspose2d(128,64,4,2,1,bias=False) 5 BatchNorm2d(64) 6 ReLU "
                     "7 ConvTranspose2d(64,1,4,2,1) 8 Tanh",
        "discriminator": "main: 0 Conv2d(1,64,4,2,1) 1 LeakyReLU(0.2) 2 Conv2d(64,128,4,2,1,bias=False) "
                         "3 BatchNorm2d(128) 4 LeakyReLU(0.2) 5 Flatten 6 Linear(6272,1)",
        "step": "train mode; fake = G(z); d_real = D(real); d_fake = D(fake.detach()); "
                "d_loss = bce(d_real, 1) + bce(d_fake, 0); Adam step on D; g_scores = D(fake) with the updated D; "
                "g_loss = bce(g_scores, 1); Adam step on G. bce = BCEWithLogitsLoss (mean). "
                "Adam(lr=2e-4, betas=(0.5, 0.999)). D's BatchNorm running stats are updated by all three D calls. "
                "num_batches_tracked buffers are omitted (integer).",
    }
    path = os.path.join(OUT_DIR, "dcgan_step.safetensors")
    # One metadata key: safetensors writes several keys in a random order, which would change the file.
    save_file({k: v.contiguous().float() for k, v in tensors.items()}, path,
              metadata={"description": json.dumps(metadata)})
    return path


# ---------------------------------------------------------------------------------------------

def write_json(filename, payload):
    path = os.path.join(OUT_DIR, filename)
    with open(path, "w") as f:
        if "cases" in payload:
            header = {k: v for k, v in payload.items() if k != "cases"}
            text = json.dumps(header, separators=(",", ":"))[:-1]
            body = ",\n".join(json.dumps(c, separators=(",", ":")) for c in payload["cases"])
            f.write(f'{text}{"," if header else ""}"cases":[\n{body}\n]}}\n')
        else:
            f.write(json.dumps(payload, separators=(",", ":")) + "\n")
    return path


def header():
    return OrderedDict(torch_version=torch.__version__, seed=SEED,
                       gradients="d/dx of sum(output * w) for each input, then each parameter")


def main():
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    os.makedirs(OUT_DIR, exist_ok=True)
    paths = [
        write_json("ops.json", OrderedDict(header(), cases=op_cases())),
        write_json("layers.json", OrderedDict(header(), cases=layer_cases())),
        write_json("losses.json", OrderedDict(header(), cases=loss_cases())),
        write_json("optimizers.json", OrderedDict(header(), **optimizer_fixture())),
        write_json("gradient_penalty.json", OrderedDict(header(), **gradient_penalty_fixture())),
        dcgan_fixture(),
        write_json("batch_norm_statistics.json", OrderedDict(header(), **batch_norm_statistics_fixture())),
    ]
    for path in paths:
        print(f"{os.path.relpath(path, ROOT)}: {os.path.getsize(path) / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
