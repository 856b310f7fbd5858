"""Writes Tests/LatentMetricsTests/Fixtures/metrics.json: reference values of the LatentMetrics
metrics from the reference implementations (pytorch-fid, torch-fidelity, prdc, scipy, scikit-learn).

Inputs come from a 64-bit linear congruential generator whose arithmetic is exact in Float64, so the
Swift tests (MetricFixtureData.swift) regenerate the same Float32 values bit for bit.
Run with <venv>/bin/python Scripts/make_metric_fixtures.py.
"""
import json
import pathlib

import numpy as np
import prdc
import scipy.optimize
import sklearn.cluster
import sklearn.metrics
import torch
from pytorch_fid.fid_score import calculate_frechet_distance
from torch_fidelity.metric_isc import isc_features_to_metric
from torch_fidelity.metric_kid import kernel_mmd, kid_features_to_metric
from torch_fidelity.metric_prc import calculate_precision_recall_full


class Generator:
    """x ← x·6364136223846793005 + 1442695040888963407 mod 2⁶⁴; uniform = (x >> 40) / 2²⁴."""

    def __init__(self, seed):
        self.state = seed

    def uniform(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % 2**64
        return (self.state >> 40) / 2**24

    def bell(self):
        """The sum of three uniforms less 1.5: roughly normal, exact in Float64."""
        return self.uniform() + self.uniform() + self.uniform() - 1.5


def f32(value):
    return float(np.float32(value))


def features(seed, count, dimension, shifted):
    """Rows of bells mixed with a neighbour: real x = g_j + 0.5 g_(j+1); fake x = 1.25 g_j + 0.25 g_(j+2) + 0.125."""
    generator = Generator(seed)
    rows = []
    for _ in range(count):
        g = [generator.bell() for _ in range(dimension)]
        if shifted:
            rows.append([f32(1.25 * g[j] + 0.25 * g[(j + 2) % dimension] + 0.125) for j in range(dimension)])
        else:
            rows.append([f32(g[j] + 0.5 * g[(j + 1) % dimension]) for j in range(dimension)])
    return np.array(rows, dtype=np.float64)


def probabilities(seed, count, classes):
    """raw = u⁴ + (1 when the class is row mod classes), divided by the row's sum (summed left to right)."""
    generator = Generator(seed)
    rows = []
    for i in range(count):
        raw = []
        for c in range(classes):
            u = generator.uniform()
            raw.append((u * u) * (u * u) + (1.0 if c == i % classes else 0.0))
        total = 0.0
        for value in raw:
            total += value
        rows.append([f32(value / total) for value in raw])
    return np.array(rows, dtype=np.float64)


def blobs(seed, per_blob):
    """Four 2-D blobs centred at (0,0), (8,0), (0,8), (8,8), noise 0.5 · bell; labels are the blob."""
    generator = Generator(seed)
    points, labels = [], []
    for blob, (cx, cy) in enumerate([(0, 0), (8, 0), (0, 8), (8, 8)]):
        for _ in range(per_blob):
            points.append([f32(cx + 0.5 * generator.bell()), f32(cy + 0.5 * generator.bell())])
            labels.append(blob)
    return np.array(points), labels


def noisy_labels(seed, labels, classes):
    """Each label replaced, when a uniform falls below 0.25, by ⌊classes · uniform⌋."""
    generator = Generator(seed)
    result = []
    for label in labels:
        u, v = generator.uniform(), generator.uniform()
        result.append(int(classes * v) if u < 0.25 else label)
    return result


def cost_matrix(seed, rows, columns):
    generator = Generator(seed)
    return [[generator.uniform() for _ in range(columns)] for _ in range(rows)]


def main():
    real = features(1, 300, 32, shifted=False)
    fake = features(2, 300, 32, shifted=True)
    out = {"features": {"real_seed": 1, "fake_seed": 2, "count": 300, "dimension": 32}}

    mu1, sigma1 = real.mean(axis=0), np.cov(real, rowvar=False)
    mu2, sigma2 = fake.mean(axis=0), np.cov(fake, rowvar=False)
    out["fid"] = float(calculate_frechet_distance(mu1, sigma1, mu2, sigma2))
    few_real, few_fake = features(11, 20, 32, shifted=False), features(12, 20, 32, shifted=True)
    out["fid_fewer_samples_than_dimensions"] = float(calculate_frechet_distance(
        few_real.mean(axis=0), np.cov(few_real, rowvar=False), few_fake.mean(axis=0), np.cov(few_fake, rowvar=False)))

    kid_options = dict(kid_subsets=3, kid_subset_size=300, rng_seed=0, verbose=False, kid_kernel="poly",
                       kid_kernel_poly_degree=3, kid_kernel_poly_gamma=None, kid_kernel_poly_coef0=1)
    whole = kid_features_to_metric(torch.from_numpy(real), torch.from_numpy(fake), **kid_options)
    out["kid_whole_sets"] = {"mean": whole["kernel_inception_distance_mean"], "std": whole["kernel_inception_distance_std"]}
    rng = np.random.RandomState(0)
    subsets = [(rng.choice(300, 100, replace=False).tolist(), rng.choice(300, 100, replace=False).tolist()) for _ in range(4)]
    mmds = [kernel_mmd(real[r], fake[f], **kid_options) for r, f in subsets]
    out["kid_subsets"] = {"real": [r for r, _ in subsets], "fake": [f for _, f in subsets],
                          "mean": float(np.mean(mmds)), "std": float(np.std(mmds))}

    p = probabilities(3, 200, 10)
    scores = []
    for i in range(10):
        part = p[i * 200 // 10:(i + 1) * 200 // 10]
        marginal = part.mean(axis=0, keepdims=True)
        scores.append(np.exp((part * (np.log(part) - np.log(marginal))).sum(axis=1).mean()))
    out["inception_score"] = {"seed": 3, "count": 200, "classes": 10, "splits": 10,
                              "mean": float(np.mean(scores)), "std": float(np.std(scores))}
    fidelity = isc_features_to_metric(torch.from_numpy(np.log(p)), splits=10, shuffle=False)
    assert abs(fidelity["inception_score_mean"] / np.mean(scores) - 1) < 1e-5, fidelity

    precision, recall = calculate_precision_recall_full(torch.from_numpy(fake), torch.from_numpy(real), neighborhood=3)
    out["precision_recall_k3"] = {"precision": precision, "recall": recall}
    out["prdc_k5"] = {key: float(value) for key, value in prdc.compute_prdc(real, fake, nearest_k=5).items()}

    for name, (rows, columns) in {"assignment_wide": (5, 7), "assignment_tall": (7, 5)}.items():
        cost = cost_matrix(4 if rows < columns else 5, rows, columns)
        row_indices, column_indices = scipy.optimize.linear_sum_assignment(np.array(cost))
        out[name] = {"rows": rows, "columns": columns, "seed": 4 if rows < columns else 5,
                     "pairs": [[int(r), int(c)] for r, c in zip(row_indices, column_indices)],
                     "total": float(np.array(cost)[row_indices, column_indices].sum())}

    points, truth = blobs(6, 40)
    kmeans = sklearn.cluster.KMeans(n_clusters=4, n_init=10, random_state=0).fit(points)
    noisy = noisy_labels(7, truth, 6)
    contingency = sklearn.metrics.cluster.contingency_matrix(truth, noisy)
    rows, columns = scipy.optimize.linear_sum_assignment(-contingency)
    out["clustering"] = {
        "blob_seed": 6, "per_blob": 40, "noise_seed": 7, "noise_classes": 6,
        "kmeans_inertia": float(kmeans.inertia_),
        "nmi": float(sklearn.metrics.normalized_mutual_info_score(truth, noisy)),
        "ari": float(sklearn.metrics.adjusted_rand_score(truth, noisy)),
        "accuracy": float(contingency[rows, columns].sum() / len(truth)),
    }

    path = pathlib.Path(__file__).resolve().parent.parent / "Tests/LatentMetricsTests/Fixtures/metrics.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
