#!/usr/bin/env python3
"""ftfy's fix_text over a folder of text files, in MB/s (10^6 bytes of UTF-8 input a second).

Issue 8 sets artnorm's one-core target against ftfy "on the same text". This prints ftfy's rate
on this machine so the ratio can be given. ftfy is not a dependency of artnorm:

    python3 -m venv /tmp/ftfyenv && /tmp/ftfyenv/bin/pip install ftfy
    /tmp/ftfyenv/bin/python scripts/ftfy-baseline.py [DIR] [--rounds N]

DIR defaults to the development corpus beside the repository. Prints every round and the median.
"""
import argparse
import glob
import os
import statistics
import time

import ftfy

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("dir", nargs="?",
                    default=os.path.join(here, "..", "..", "shared", "corpus", "wcxb-dev-articles", "text"))
parser.add_argument("--rounds", type=int, default=3)
args = parser.parse_args()

files = sorted(glob.glob(os.path.join(args.dir, "*.txt")))
if not files:
    raise SystemExit(f"no .txt files in {args.dir}")
texts = []
for path in files:
    with open(path, "rb") as f:
        texts.append(f.read().decode("utf-8", errors="replace"))
total = sum(len(t.encode("utf-8")) for t in texts)
rates = []
for r in range(args.rounds):
    start = time.perf_counter()
    for text in texts:
        ftfy.fix_text(text)
    seconds = time.perf_counter() - start
    rates.append(total / seconds / 1e6)
    print(f"round {r + 1}: {len(texts)} files, {total:,} bytes in {seconds:.2f} s = {rates[-1]:.2f} MB/s",
          flush=True)
print(f"ftfy {ftfy.__version__} fix_text median: {statistics.median(rates):.2f} MB/s")
