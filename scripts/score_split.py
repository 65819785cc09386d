#!/usr/bin/env python3
"""Score a prediction folder on the train / held-out halves of the corpus.

    python3 scripts/score_split.py PRED_DIR [--worst N]

Uses /work/shared/tools/score_extraction.py's own scoring functions on the
pages with an even id (train), an odd id (held out, never trained or tuned
on) and all of them; --worst lists the pages with the lowest shingle F1.
"""

import argparse
import ast
import importlib.util
import re
import sys
from pathlib import Path

QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
TOOL = Path("/work/shared/tools/score_extraction.py")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pred", type=Path)
    ap.add_argument("--dataset", default="wcxb-dev-articles")
    ap.add_argument("--worst", type=int, default=0)
    ap.add_argument("--half", choices=["all", "train", "held"], default="held",
                    help="which half --worst lists")
    args = ap.parse_args()
    spec = importlib.util.spec_from_file_location("score_extraction", TOOL)
    se = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(se)
    gt = se.load_ground_truth(args.dataset)
    preds, _ = se.load_predictions(args.pred, sorted(gt))
    even = lambda pid: int(re.sub(r"\D", "", pid) or 0) % 2 == 0
    halves = {"train": {k: v for k, v in gt.items() if even(k)},
              "held": {k: v for k, v in gt.items() if not even(k)}, "all": gt}
    results = {}
    for name, sub in halves.items():
        res = se.score(sub, preds, n_bootstrap=200)
        results[name] = res
        print(se.format_result(f"{args.pred.name}:{name}", res))
    # Must-keep / must-drop shares over the snippets that the raw dump holds
    # at all (many must-keep snippets differ from the page text in quote
    # style or span several blocks, so no extractor can keep them verbatim).
    fold = lambda t: re.sub(r"\s+", " ", t.translate(QUOTES)).strip().lower()
    for name, sub in halves.items():
        kept = {"with": [0, 0], "without": [0, 0]}
        for pid, v in sub.items():
            raw_path = TOOL.parent.parent / "corpus" / args.dataset / "text" / f"{pid}.txt"
            raw = fold(raw_path.read_text("utf8", errors="replace")) if raw_path.exists() else ""
            pred = fold(preds.get(pid, ""))
            for field in kept:
                snippets = v.get(field) or []
                if isinstance(snippets, str):
                    snippets = ast.literal_eval(snippets)
                for snip in snippets:
                    snip = fold(snip)
                    if snip and snip in raw:
                        kept[field][1] += 1
                        kept[field][0] += snip in pred
        print(f"{name:<6} snippets present in the dump: must-keep kept "
              f"{kept['with'][0]}/{kept['with'][1]} = {kept['with'][0] / max(1, kept['with'][1]):.1%}, "
              f"must-drop kept {kept['without'][0]}/{kept['without'][1]} = "
              f"{kept['without'][0] / max(1, kept['without'][1]):.1%}")
    if args.worst:
        per = results[args.half]["per_page"]
        f1 = {k: (2 * v["shingle_p"] * v["shingle_r"] / (v["shingle_p"] + v["shingle_r"])
                  if v["shingle_p"] + v["shingle_r"] else 0.0) for k, v in per.items()}
        for pid in sorted(f1, key=f1.get)[:args.worst]:
            v = per[pid]
            print(f"{pid} F1={f1[pid]:.3f} P={v['shingle_p']:.3f} R={v['shingle_r']:.3f}")


if __name__ == "__main__":
    sys.exit(main())
