"""scikit-learn's Barnes-Hut t-SNE on the first COUNT MNIST test digits (784 pixels in [0, 1]), the data that
`latent embed --method tsne --count COUNT` maps, with the settings Latent copies (perplexity 30, PCA
initialisation, learning rate "auto", 1000 iterations, angle 0.5): prints the final KL divergence and the
wall-clock seconds, to compare with `latent embed ... --json`'s `kl_divergence`.

Run with <venv>/bin/python Scripts/sklearn_tsne_mnist_reference.py --count 10000 --seed 0 --threads 2.
"""
import argparse
import gzip
import json
import pathlib
import time

import numpy as np
import sklearn
from sklearn.manifold import TSNE

MNIST = pathlib.Path(__file__).resolve().parent.parent / "Data/mnist/t10k-images-idx3-ubyte.gz"

parser = argparse.ArgumentParser()
parser.add_argument("--count", type=int, default=10000)
parser.add_argument("--seed", type=int, default=0)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--perplexity", type=float, default=30.0)
arguments = parser.parse_args()

with gzip.open(MNIST, "rb") as file:
    raw = file.read()
images = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 784)[: arguments.count]
data = (images.astype(np.float32) / 255.0).astype(np.float64)

start = time.perf_counter()
tsne = TSNE(n_components=2, perplexity=arguments.perplexity, method="barnes_hut", angle=0.5, init="pca",
            learning_rate="auto", max_iter=1000, random_state=arguments.seed, n_jobs=arguments.threads).fit(data)
seconds = time.perf_counter() - start
print(json.dumps({"sklearn": sklearn.__version__, "count": len(data), "seed": arguments.seed, "threads": arguments.threads,
                  "kl_divergence": float(tsne.kl_divergence_), "iterations": int(tsne.n_iter_), "seconds": round(seconds, 1)}))
