"""pytorch-fid's FID Inception network with weights from fid-inception-v3.safetensors.

pytorch-fid downloads its weights on first use; this machine is offline, so `fid_inception` builds
the same network from the safetensors file (pytorch-fid's parameter names) instead. The file has no
1008-way classifier, which feature extraction never uses, so zeros stand in for it.
"""

import os

import torch
from safetensors.torch import load_file

import pytorch_fid.inception as inception

DEFAULT_WEIGHTS = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "inception",
    "fid-inception-v3.safetensors")


def weights_path(explicit=None):
    """The weights file: `explicit`, else $LATENT_INCEPTION_WEIGHTS, else ../shared/data/inception."""
    return explicit or os.environ.get("LATENT_INCEPTION_WEIGHTS") or DEFAULT_WEIGHTS


def fid_inception(path):
    """pytorch-fid's InceptionV3 (2048-d pool features) in eval mode, with the weights at `path`."""
    state = load_file(path)
    state["fc.weight"] = torch.zeros(1008, 2048)
    state["fc.bias"] = torch.zeros(1008)
    original = inception.load_state_dict_from_url
    inception.load_state_dict_from_url = lambda *args, **kwargs: state
    try:
        model = inception.InceptionV3([inception.InceptionV3.BLOCK_INDEX_BY_DIM[2048]])
    finally:
        inception.load_state_dict_from_url = original
    return model.eval()
