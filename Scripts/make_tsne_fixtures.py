"""Writes Tests/LatentMetricsTests/Fixtures/tsne.json: scikit-learn's Barnes-Hut t-SNE on a small clustered data
set, for the LatentMetrics tests (TSNETests.swift): its final KL divergence and the joint probabilities P of the
first rows (scikit-learn's _joint_probabilities_nn over the 3 * perplexity + 1 nearest neighbours).

The data are stored in the JSON, rounded to Float32 so that the Swift tests read them exactly.
Run with <venv>/bin/python Scripts/make_tsne_fixtures.py.
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.manifold import TSNE
from sklearn.manifold._t_sne import _joint_probabilities_nn
from sklearn.neighbors import NearestNeighbors

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/LatentMetricsTests/Fixtures/tsne.json"
PERPLEXITY = 30.0
rng = np.random.default_rng(23)

centres = rng.normal(scale=4.0, size=(6, 10))
data = np.concatenate([centres[k] + rng.normal(size=(60, 10)) * (0.5 + 0.2 * k) for k in range(6)])
data = data.astype(np.float32).astype(np.float64)

n_neighbors = min(len(data) - 1, int(3.0 * PERPLEXITY + 1))
knn = NearestNeighbors(n_neighbors=n_neighbors, metric="euclidean").fit(data)
distances = knn.kneighbors_graph(mode="distance")
distances.data **= 2
P = _joint_probabilities_nn(distances, PERPLEXITY, 0).tocsr()
first_rows = []
for row in range(5):
    start, end = P.indptr[row], P.indptr[row + 1]
    first_rows.append({"columns": P.indices[start:end].tolist(), "values": P.data[start:end].tolist()})

runs = []
for seed in range(3):
    tsne = TSNE(n_components=2, perplexity=PERPLEXITY, method="barnes_hut", angle=0.5, init="pca",
                learning_rate="auto", max_iter=1000, random_state=seed).fit(data)
    runs.append({"random_state": seed, "kl_divergence": float(tsne.kl_divergence_), "n_iter": int(tsne.n_iter_)})

OUT.write_text(json.dumps({
    "sklearn_version": sklearn.__version__,
    "perplexity": PERPLEXITY,
    "data": data.tolist(),
    "labels": [k for k in range(6) for _ in range(60)],
    "p_first_rows": first_rows,
    "runs": runs,
}) + "\n")
print(OUT, [r["kl_divergence"] for r in runs])
