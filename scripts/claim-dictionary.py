#!/usr/bin/env python3
"""Train the dictionary the claim cache packs claims with (factcheck/data/claims.zdict).

    .venv/bin/python scripts/claim-dictionary.py [CORPUS_DIR ...]

Each article of the corpus folders (default: every story under corpus/) is analyzed with the rules in rules/, and
each claim made what the cache packs (its JSON and its fields as the JSON report writes them); a Zstandard
dictionary of 16 kB is trained on those and written in place of the shipped one, with how well it packs them.
A new dictionary changes the cache's key: caches built with the old one are analyzed afresh on their next run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import zstandard

from factcheck import packed
from factcheck.articles import read_article
from factcheck.pipeline import analyze, corpus_paths
from factcheck.render.json_format import claim_members
from factcheck.rules.loader import load_rules

REPO = Path(__file__).resolve().parent.parent
SIZE = 16_384


def main(folders: list[Path]) -> None:
    rules = load_rules(REPO / "rules")
    samples: list[bytes] = []
    for folder in folders:
        for path in corpus_paths(folder):
            for match in analyze(read_article(path), rules).matches:
                claim = match.claim
                samples.append(
                    b"\0".join((claim.model_dump_json(exclude_defaults=True).encode(), claim_members(claim)))
                )
    trained = zstandard.train_dictionary(SIZE, samples, threads=1)
    packed.DICTIONARY.write_bytes(trained.as_bytes())
    packer = zstandard.ZstdCompressor(level=packed.LEVEL, dict_data=trained)
    raw = sum(len(s) for s in samples)
    small = sum(len(packer.compress(s)) for s in samples)
    print(
        f"{packed.DICTIONARY}: {len(trained.as_bytes())} bytes from {len(samples)} claims;"
        f" they pack {raw / small:.1f} times smaller ({raw} → {small} bytes)"
    )


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or sorted(p for p in (REPO / "corpus").iterdir() if p.is_dir()))
