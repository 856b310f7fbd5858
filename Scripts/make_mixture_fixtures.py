"""Writes Tests/LatentMetricsTests/Fixtures/mixtures.json: scikit-learn's PCA, GaussianMixture,
roc_auc_score and average_precision_score on small data sets, for the LatentMetrics tests
(MixtureTests.swift, RankingScoreTests.swift).

The data are stored in the JSON, rounded to Float32 so that the Swift tests read them exactly.
Each Gaussian mixture starts from a fixed means_init/weights_init/precisions_init.
Run with <venv>/bin/python Scripts/make_mixture_fixtures.py.
"""
import json
import pathlib
import warnings

import numpy as np
import sklearn
import sklearn.decomposition
import sklearn.exceptions
import sklearn.metrics
import sklearn.mixture

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/LatentMetricsTests/Fixtures/mixtures.json"
rng = np.random.default_rng(17)


def float32(array):
    return np.asarray(array, dtype=np.float32).astype(np.float64)


def pca_case():
    latent = rng.normal(size=(40, 3)) * np.array([3.0, 1.5, 0.5])
    mixing = rng.normal(size=(3, 6))
    data = float32(latent @ mixing + 0.1 * rng.normal(size=(40, 6)) + np.arange(6))
    full = sklearn.decomposition.PCA(n_components=3, svd_solver="full", whiten=True).fit(data)
    randomized = sklearn.decomposition.PCA(n_components=3, svd_solver="randomized", random_state=0).fit(data)
    return {
        "data": data.tolist(),
        "components": 3,
        "mean": full.mean_.tolist(),
        "explained_variance": full.explained_variance_.tolist(),
        "explained_variance_ratio": full.explained_variance_ratio_.tolist(),
        "singular_values": full.singular_values_.tolist(),
        "noise_variance": float(full.noise_variance_),
        "principal_axes": full.components_.tolist(),
        "whitened_codes_first_rows": full.transform(data[:4]).tolist(),
        "reconstruction_first_rows": full.inverse_transform(full.transform(data[:4])).tolist(),
        "randomized_explained_variance": randomized.explained_variance_.tolist(),
    }


def gmm_data():
    centres = np.array([[0.0, 0.0, 0.0], [4.0, 1.0, -1.0], [-2.0, 5.0, 2.0]])
    scales = [np.diag([1.0, 0.5, 0.8]), np.array([[0.7, 0.3, 0.0], [0.0, 1.0, 0.4], [0.2, 0.0, 0.6]]), 0.9 * np.eye(3)]
    blocks = [rng.normal(size=(30, 3)) @ scales[i] + centres[i] for i in range(3)]
    return float32(np.concatenate(blocks)), float32(centres + rng.normal(scale=0.5, size=(3, 3)))


def gmm_case(data, means_init, covariance_type, max_iter, tol):
    weights_init = np.array([0.3, 0.3, 0.4])
    precisions = {
        "full": np.stack([np.eye(3) * (1.0 + 0.2 * k) + 0.1 * np.ones((3, 3)) for k in range(3)]),
        "diag": np.array([[1.0, 0.8, 1.2], [0.6, 1.0, 0.9], [1.1, 1.3, 0.7]]),
        "spherical": np.array([1.0, 0.8, 1.2]),
    }[covariance_type]
    model = sklearn.mixture.GaussianMixture(
        n_components=3, covariance_type=covariance_type, max_iter=max_iter, tol=tol,
        weights_init=weights_init, means_init=means_init, precisions_init=precisions, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sklearn.exceptions.ConvergenceWarning)
        model.fit(data)
    return {
        "covariance_type": covariance_type, "max_iter": max_iter, "tol": tol,
        "weights_init": weights_init.tolist(), "means_init": means_init.ravel().tolist(),
        "precisions_init": precisions.ravel().tolist(),
        "weights": model.weights_.tolist(), "means": model.means_.ravel().tolist(),
        "covariances": model.covariances_.ravel().tolist(),
        "n_iter": int(model.n_iter_), "converged": bool(model.converged_), "lower_bound": float(model.lower_bound_),
        "score": float(model.score(data)), "score_samples_first_rows": model.score_samples(data[:5]).tolist(),
        "predict_proba_first_rows": model.predict_proba(data[:5]).ravel().tolist(),
        "bic": float(model.bic(data)), "aic": float(model.aic(data)),
    }


def ranking_case(scores, labels):
    return {"scores": list(map(float, scores)), "labels": list(map(bool, labels)),
            "auroc": float(sklearn.metrics.roc_auc_score(labels, scores)),
            "average_precision": float(sklearn.metrics.average_precision_score(labels, scores))}


def main():
    pca = pca_case()
    data, means_init = gmm_data()
    mixtures = [gmm_case(data, means_init, kind, max_iter, tol)
                for kind in ("full", "diag", "spherical") for (max_iter, tol) in ((2, 0.0), (100, 1e-3))]
    tied_scores = np.round(rng.uniform(size=60), 1)
    tied_labels = rng.uniform(size=60) < 0.4
    ranking = [
        ranking_case([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]),
        ranking_case([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1]),
        ranking_case(tied_scores, tied_labels),
        ranking_case(rng.normal(size=80), rng.uniform(size=80) < 0.3),
    ]
    fixtures = {"sklearn_version": sklearn.__version__, "pca": pca, "gmm_data": data.tolist(),
                "gmm": mixtures, "ranking": ranking}
    OUT.write_text(json.dumps(fixtures, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
