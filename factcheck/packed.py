"""A cached claim packed for the claim cache: its JSON and its fields as the JSON report writes them, in one blob
compressed with Zstandard against a dictionary shipped with factcheck.

The two texts are the same sentence twice, wrapped in the same keys claim after claim: on their own they take
1.1 kB a claim, 7.1 GB of cache for 100,000 articles, more than a machine's page cache may keep while a report
is written, so a report's random reads of claims went to the disk. Packed they take a sixth of that (measured:
1,143 → 178 bytes a claim on the synthetic corpora; each real Geneva article 5.5–6 times smaller with a
dictionary trained on the other four, 2.8 times without a dictionary) and unpack in 1–2 µs. The dictionary
(``data/claims.zdict``) was trained on the bundled corpus's claims by ``scripts/claim-dictionary.py``; what it
was made from only changes how well claims compress, and its digest is part of the cache's key
(:func:`dictionary_digest`), so claims packed with another dictionary are never read.
"""

from __future__ import annotations

import hashlib
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import zstandard

if TYPE_CHECKING:
    from factcheck.models import Claim

DICTIONARY = Path(__file__).parent / "data" / "claims.zdict"
LEVEL = 3  # 9 packs a tenth smaller at five times the cost of packing; unpacking costs the same
MAX_EXPANSION = 65_536  # twice the most a Zstandard frame can expand (a 4-byte repeated block: 128 kB)
_SEPARATOR = b"\0"  # never in JSON text: a NUL in a string is written \u0000


class DamagedClaim(ValueError):
    """A packed claim that does not unpack: the cache holding it is damaged."""


@cache
def _dictionary() -> tuple[bytes, zstandard.ZstdCompressionDict]:
    data = DICTIONARY.read_bytes()
    return data, zstandard.ZstdCompressionDict(data, dict_type=zstandard.DICT_TYPE_FULLDICT)


def dictionary_digest() -> str:
    """The SHA-256 of the dictionary claims are packed with."""
    return hashlib.sha256(_dictionary()[0]).hexdigest()


class _Codecs(threading.local):
    """A compressor and decompressor for each thread (neither may be used by two threads at once; a cluster's
    worker runs tasks on threads)."""

    def __init__(self) -> None:
        dictionary = _dictionary()[1]
        # The checksum (4 bytes a claim) makes a damaged blob fail to unpack rather than read as other text.
        self.packer = zstandard.ZstdCompressor(level=LEVEL, dict_data=dictionary, write_checksum=True)
        self.unpacker = zstandard.ZstdDecompressor(dict_data=dictionary)


_CODECS: _Codecs | None = None


def _codecs() -> _Codecs:
    global _CODECS
    if _CODECS is None:
        _CODECS = _Codecs()
    return _CODECS


def texts_of(claim: Claim) -> tuple[bytes, bytes]:
    """What the cache keeps of a claim: its JSON (fields at their defaults left out) and its own fields as the
    JSON report writes them (:func:`factcheck.render.json_format.claim_members`)."""
    from factcheck.render.json_format import claim_members

    return claim.model_dump_json(exclude_defaults=True).encode(), claim_members(claim)


def pack_claim(claim: Claim) -> bytes:
    """A claim packed as the cache keeps it."""
    return pack(*texts_of(claim))


def pack(claim: bytes, shown: bytes) -> bytes:
    """A claim's JSON and its report fields in one compressed blob."""
    return _codecs().packer.compress(b"".join((claim, _SEPARATOR, shown)))


def unpack(blob: object) -> tuple[bytes, bytes]:
    """The claim's JSON and its report fields of a blob :func:`pack` made; :class:`DamagedClaim` if it is not
    one."""
    if not isinstance(blob, bytes):
        raise DamagedClaim("a packed claim is not bytes")
    try:
        # The size its header records is allocated before anything is checked: a damaged header could ask for
        # terabytes. No frame unpacks to more than MAX_EXPANSION times its own size, so a larger one is damage.
        size = zstandard.frame_content_size(blob)
        if not 0 <= size <= MAX_EXPANSION * len(blob):
            raise DamagedClaim(f"a packed claim's header records {size} bytes")
        data = _codecs().unpacker.decompress(blob)
    except zstandard.ZstdError as exc:
        raise DamagedClaim(f"a packed claim does not unpack: {exc}") from None
    claim, separator, shown = data.partition(_SEPARATOR)
    if not separator:
        raise DamagedClaim("a packed claim has no report fields")
    return claim, shown
