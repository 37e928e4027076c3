"""Character offsets to line and column numbers, computed from one index per text."""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Maps a character offset in a text to its 1-based line and column."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        position = text.find("\n")
        while position != -1:
            self._starts.append(position + 1)
            position = text.find("\n", position + 1)

    def line(self, offset: int) -> int:
        return bisect_right(self._starts, offset)

    def column(self, offset: int) -> int:
        return offset - self._starts[self.line(offset) - 1] + 1
