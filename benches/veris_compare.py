#!/usr/bin/env python3
"""Rust (`breachkit veris validate`) vs Python jsonschema Draft4Validator on the VCDB sample.

Both validate the same 155 files against the same verisc-merged.json, on the same machine, in
the same run. Each side is timed as a whole process (start-up, reading, schema compile,
validation), hyperfine-style: warm-up runs, then N timed runs, median reported.

    python3 -m venv /tmp/veris-venv && /tmp/veris-venv/bin/pip install jsonschema
    cargo build --release -p breachkit-cli
    /tmp/veris-venv/bin/python benches/veris_compare.py [--runs 10]
"""
import argparse, glob, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "tests", "fixtures", "veris", "vcdb-sample")
SCHEMA = os.path.join(ROOT, "crates", "breachkit-veris", "data", "verisc-merged.json")
BIN = os.path.join(ROOT, "target", "release", "breachkit")

PY_VALIDATOR = r"""
import json, sys
from jsonschema import Draft4Validator
v = Draft4Validator(json.load(open(sys.argv[1])))
n = 0
for f in sys.argv[2:]:
    n += sum(1 for _ in v.iter_errors(json.load(open(f))))
print(n)
"""


def timed(cmd, runs, warmup=2):
    for _ in range(warmup):
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out.append(time.perf_counter() - t)
    return statistics.median(out), min(out), max(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    a = ap.parse_args()
    files = sorted(glob.glob(os.path.join(SAMPLE, "**", "*.[jJ][sS][oO][nN]"), recursive=True))
    if len(files) != 155:
        sys.exit(f"expected 155 VCDB files under {SAMPLE}, found {len(files)}")
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release -p breachkit-cli")
    rust = timed([BIN, "veris", "validate", "--format", "json"] + files, a.runs)
    py = timed([sys.executable, "-c", PY_VALIDATOR, SCHEMA] + files, a.runs)
    print(f"files: {len(files)}, runs: {a.runs} (median, min, max seconds)")
    print(f"rust   breachkit veris validate : {rust[0]:.4f} {rust[1]:.4f} {rust[2]:.4f}")
    print(f"python Draft4Validator          : {py[0]:.4f} {py[1]:.4f} {py[2]:.4f}")
    print(f"ratio python/rust (median)      : {py[0] / rust[0]:.1f}x")


if __name__ == "__main__":
    main()
