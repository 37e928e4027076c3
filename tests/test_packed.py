"""Packed claims: what the claim cache keeps of a claim, compressed against the shipped dictionary."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import zstandard
from hypothesis import given
from hypothesis import strategies as st

from factcheck import packed
from factcheck.articles import read_article
from factcheck.models import Claim
from factcheck.packed import DamagedClaim, pack, pack_claim, texts_of, unpack
from factcheck.pipeline import analyze, corpus_paths
from factcheck.render.json_format import claim_members
from factcheck.rules.loader import load_rules

REPO = Path(__file__).resolve().parent.parent
RULES = load_rules(REPO / "rules")


def corpus_claims() -> list[Claim]:
    return [
        m.claim
        for path in corpus_paths(REPO / "corpus" / "geneva-2022")
        for m in analyze(read_article(path), RULES).matches
    ]


@given(st.binary().map(lambda b: b.replace(b"\0", b"")), st.binary())
def test_what_is_packed_unpacks_as_it_was(claim: bytes, shown: bytes) -> None:
    assert unpack(pack(claim, shown)) == (claim, shown)


def test_a_claim_packs_as_its_json_and_its_report_fields() -> None:
    for claim in corpus_claims()[:40]:
        text, shown = unpack(pack_claim(claim))
        assert Claim.model_validate_json(text) == claim
        assert shown == claim_members(claim)


def test_the_bundled_stories_claims_pack_several_times_smaller() -> None:
    texts = [b"\0".join(texts_of(claim)) for claim in corpus_claims()]
    packed_size = sum(len(pack_claim(claim)) for claim in corpus_claims())
    assert len(texts) > 100
    assert packed_size * 4 < sum(len(t) for t in texts)


@pytest.mark.parametrize("blob", ["text", None, b"", b"not zstd at all", pack(b"{}", b"x")[:-3]])
def test_what_is_not_a_packed_claim_is_damage(blob: object) -> None:
    with pytest.raises(DamagedClaim):
        unpack(blob)


def test_a_flipped_bit_is_damage_never_other_text() -> None:
    """Every bit of a packed claim flipped in turn: the blob is damage, or (a bit the decoder does not read)
    unpacks to the very same texts; never other text, and never a huge allocation from a damaged header."""
    caught = 0
    for claim in corpus_claims()[:3]:
        blob = pack_claim(claim)
        for at in range(len(blob)):
            for bit in range(8):
                damaged = bytearray(blob)
                damaged[at] ^= 1 << bit
                try:
                    assert unpack(bytes(damaged)) == unpack(blob)
                except DamagedClaim:
                    caught += 1
    assert caught > 0.95 * 8 * sum(len(pack_claim(c)) for c in corpus_claims()[:3])


def test_a_header_recording_more_than_its_frame_can_hold_is_damage() -> None:
    zeros = zstandard.ZstdCompressor().compress(bytes(100_000_000))  # a real header recording 100 MB
    assert zstandard.frame_content_size(zeros) == 100_000_000
    with pytest.raises(DamagedClaim, match="records 100000000 bytes"):  # refused before allocating
        unpack(zeros[:20])


def test_a_packed_text_without_report_fields_is_damage() -> None:
    with pytest.raises(DamagedClaim, match="no report fields"):
        unpack(packed._codecs().packer.compress(b'{"source": "a"}'))


def test_threads_pack_and_unpack_at_once() -> None:
    texts = [(f'{{"n": {n}}}'.encode() * (n % 50 + 1), b"shown" * n) for n in range(400)]
    expected = [pack(*t) for t in texts]
    failures: list[str] = []

    def work() -> None:
        for _ in range(5):
            for text, blob in zip(texts, expected, strict=True):
                if pack(*text) != blob or unpack(blob) != text:
                    failures.append("differs")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_the_dictionary_digest_names_the_shipped_dictionary() -> None:
    import hashlib

    assert packed.DICTIONARY.stat().st_size > 1000
    assert packed.dictionary_digest() == hashlib.sha256(packed.DICTIONARY.read_bytes()).hexdigest()


def test_the_dictionary_is_packaged_with_factcheck() -> None:
    """A regular install (the Quickstart's ``pip install .``) copies only what package-data names."""
    import fnmatch
    import tomllib

    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = settings["tool"]["setuptools"]["package-data"]["factcheck"]
    inside = packed.DICTIONARY.relative_to(REPO / "factcheck").as_posix()
    assert any(fnmatch.fnmatch(inside, pattern) for pattern in patterns)
