"""Writes Tests/LatentMetricsTests/Fixtures/probe.json: scikit-learn's StandardScaler followed by a
multinomial LogisticRegression (L2, lbfgs) on a small three-class data set, for the linear probe's tests
(LinearProbeTests.swift). The solver runs to a tight tolerance so that both sides reach the optimum.

The data are rounded to Float32 so that the Swift tests read them exactly.
Run with <venv>/bin/python Scripts/make_probe_fixtures.py.
"""
import json
import pathlib

import numpy as np
import sklearn
import sklearn.linear_model
import sklearn.preprocessing

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/LatentMetricsTests/Fixtures/probe.json"
rng = np.random.default_rng(5)


def float32(array):
    return np.asarray(array, dtype=np.float32).astype(np.float64)


centres = np.array([[0.0, 0.0, 1.0, 0.0], [1.5, 0.5, 0.0, 3.0], [0.0, 2.0, -1.0, 1.0]])
labels = np.repeat(np.arange(3), 20)
# Overlapping classes on unequal scales, and one constant feature (its scale stays 1).
train = float32(np.hstack([centres[labels] * [1, 10, 0.1, 1] + rng.normal(size=(60, 4)) * [1.5, 12, 0.2, 1.5],
                           np.full((60, 1), 7.0)]))
test = float32(np.hstack([rng.normal(size=(8, 4)) * [2, 15, 0.5, 2], np.full((8, 1), 7.0)]))

cases = []
for c in [1.0, 0.05]:
    scaler = sklearn.preprocessing.StandardScaler().fit(train)
    model = sklearn.linear_model.LogisticRegression(C=c, tol=1e-12, max_iter=100000).fit(scaler.transform(train), labels)
    cases.append({
        "C": c,
        "coef": model.coef_.ravel().tolist(),
        "intercept": model.intercept_.tolist(),
        "test_probabilities": model.predict_proba(scaler.transform(test)).ravel().tolist(),
        "test_predictions": model.predict(scaler.transform(test)).tolist(),
    })

OUT.write_text(json.dumps({
    "sklearn_version": sklearn.__version__,
    "train": train.tolist(), "labels": labels.tolist(), "test": test.tolist(), "cases": cases,
}, indent=1) + "\n")
print(f"wrote {OUT}")
