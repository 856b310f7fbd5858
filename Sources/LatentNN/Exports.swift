/// Users of LatentNN work with tensors directly, so importing LatentNN brings LatentTensor too.
@_exported import LatentTensor
