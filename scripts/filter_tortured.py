#!/usr/bin/env python3
"""Builds data/spin/tortured.tsv from the Problematic Paper Screener's tortured-phrase list.

The PPS list (Cabanac, Labbé & Magazinov, CC BY 4.0) is noisy: some `tortured` entries are ordinary
phrases (`neural network`), some `correct` entries carry editor's notes (`(?)`, `[...]`,
`(in this context)`). This keeps only entries that are safe to flag in any text:
  - the expected side is cleaned of notes and abbreviations in brackets; entries whose expected side
    is uncertain (`?`, `/`, `;`, ` or `) are dropped;
  - the tortured side has two or more words, only letters, spaces, hyphens and apostrophes, and
    differs from the expected side;
  - it is not itself the expected side of any entry (that makes it an ordinary phrase);
  - it never occurs in the clean reference text (news articles), matched on word boundaries,
    case-insensitively.
The clean reference is the even-numbered half of the corpus so that the odd half stays an honest
held-out measure of false positives (see tests/spin.rs, `clean_corpus_false_positives`).

usage: scripts/filter_tortured.py PPS_JSON CORPUS_TEXT_DIR GROUND_TRUTH_JSON > data/spin/tortured.tsv
"""
import json
import os
import re
import sys


COMMON = 10


def clean_expected(text):
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", text)
    text = re.sub(r"\s+", " ", text).strip(" ,.-")
    return text


def main():
    pps, corpus_dir, truth = sys.argv[1:4]
    phrases = json.load(open(pps, encoding="utf-8"))["phrases"]
    # Clean reference: even-numbered pages, scraped text and reviewed article bodies.
    reference = []
    for name in sorted(os.listdir(corpus_dir)):
        stem = name.split(".")[0]
        if stem.isdigit() and int(stem) % 2 == 0:
            reference.append(open(os.path.join(corpus_dir, name), encoding="utf-8").read())
    for page, record in sorted(json.load(open(truth, encoding="utf-8")).items()):
        if page.isdigit() and int(page) % 2 == 0:
            reference.append(record.get("articleBody") or "")
    reference = "\n".join(reference).lower()
    reference = re.sub(r"[\u2019`]", "'", reference)
    tokens = re.findall(r"[a-z0-9'-]+", reference)
    reference_words = " " + " ".join(tokens) + " "
    frequency = {}
    for token in tokens:
        frequency[token] = frequency.get(token, 0) + 1

    expected_sides = {clean_expected(p["correct"]).lower() for p in phrases}
    kept = {}
    dropped = {"notes": 0, "shape": 0, "ordinary": 0, "in_clean_text": 0, "conflict": 0}
    for p in phrases:
        tortured = re.sub(r"\s+", " ", p["tortured"].strip().lower())
        raw_expected = p["correct"]
        if re.search(r"[?/;]| or ", raw_expected):
            dropped["notes"] += 1
            continue
        expected = clean_expected(raw_expected).lower()
        if not expected or not re.fullmatch(r"[a-z0-9' -]+", expected):
            dropped["notes"] += 1
            continue
        if (
            not re.fullmatch(r"[a-z' -]+", tortured)
            or len(tortured.replace("-", " ").split()) < 2
            or tortured == expected
        ):
            dropped["shape"] += 1
            continue
        if tortured in expected_sides:
            dropped["ordinary"] += 1
            continue
        words = " ".join(re.findall(r"[a-z0-9'-]+", tortured))
        if f" {words} " in reference_words:
            dropped["in_clean_text"] += 1
            continue
        if tortured in kept and kept[tortured] != expected:
            dropped["conflict"] += 1
            kept[tortured] = None
            continue
        kept.setdefault(tortured, expected)
    out = sys.stdout
    out.write(
        "# Tortured phrases: what paraphrasing tools write in scientific papers, with the expected phrase.\n"
        "# source: Problematic Paper Screener (PPS) by Guillaume Cabanac, Cyril Labbé and Alexander Magazinov,\n"
        "# as packaged in giladfeldman/torturedcheck (commit 3571a95, src/data/tortured-phrases.json);\n"
        "# filtered by scripts/filter_tortured.py (rerun it to regenerate this file): editor's notes removed,\n"
        "# ordinary phrases and every phrase found in clean news text dropped.\n"
        "# licence: CC BY 4.0 (credit: Cabanac, Labbé & Magazinov, Problematic Paper Screener)\n"
        f"# kept {sum(1 for v in kept.values() if v)} of {len(phrases)}; dropped {dropped}\n"
        "# fields: tortured <TAB> expected <TAB> confidence <TAB> guards\n"
    )
    for tortured, expected in sorted(kept.items()):
        if not expected:
            continue
        # A phrase made only of everyday words (each seen COMMON times or more in the clean
        # reference) may be ordinary English somewhere: weak, so it counts only in articles that
        # other findings already show to be spun.
        words = tortured.replace("-", " ").split()
        if all(frequency.get(w, 0) >= COMMON for w in words):
            confidence = "0.6"
        elif len(words) >= 3:
            confidence = "0.9"
        else:
            confidence = "0.85"
        out.write(f"{tortured}\t{expected}\t{confidence}\t-\n")


if __name__ == "__main__":
    main()
