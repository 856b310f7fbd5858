#!/usr/bin/env python3
"""Runs Latent's and PyTorch's benchmarks side by side on this machine and prints a Markdown table.

Usage (from the repository root, after `swift build -c release`):
    python3 Benchmarks/compare.py --python /path/to/venv-with-torch/bin/python \
        [--models mlp-gan,dcgan-mnist,...] [--batches 64,256] [--threads 2] [--out results.jsonl]

Each pair is run back to back (Latent first, then PyTorch) so that both see the same machine load.
"""

import argparse
import json
import subprocess
import sys

MODELS = ["mlp-gan", "dcgan", "dcgan-mnist", "dcgan-32", "wgan-gp", "wgan-gp-full", "vae-mlp"]


def run(command):
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", required=True, help="a Python interpreter with torch installed")
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--batches", default="64,256")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", help="also append every raw JSON result to this file")
    args = parser.parse_args()

    rows = []
    for model in args.models.split(","):
        for batch in [int(b) for b in args.batches.split(",")]:
            common = ["--model", model, "--batch", str(batch), "--threads", str(args.threads), "--json"]
            latent = run([".build/release/latent-bench"] + common)
            torch = run([args.python, "Benchmarks/pytorch_bench.py"] + common)
            rows.append((latent, torch))
            if args.out:
                with open(args.out, "a") as handle:
                    handle.write(json.dumps(latent) + "\n" + json.dumps(torch) + "\n")
            print(f"{model} {batch}: latent {latent['images_per_second']:.0f}/s, "
                  f"pytorch {torch['images_per_second']:.0f}/s", file=sys.stderr)

    print("| model | batch | Latent images/s | PyTorch images/s | ratio | Latent peak MiB | PyTorch peak MiB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for latent, torch in rows:
        ratio = latent["images_per_second"] / torch["images_per_second"]
        print(f"| {latent['model']} | {latent['batch']} | {latent['images_per_second']:,.0f} | "
              f"{torch['images_per_second']:,.0f} | {ratio:.2f} | {latent['peak_rss_bytes'] / 2**20:,.0f} | "
              f"{torch['peak_rss_bytes'] / 2**20:,.0f} |")
    print(f"\nLatent BLAS kernels: {rows[0][0].get('blas_core', '?')}; "
          f"PyTorch {rows[0][1].get('torch_version', '?')}; {args.threads} threads.")


if __name__ == "__main__":
    main()
