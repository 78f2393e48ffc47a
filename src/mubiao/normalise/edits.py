"""Apply deletions to a text and build the offset map back to it."""

from __future__ import annotations

from mubiao.document import OffsetMap


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if b <= a:
            continue
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def delete(text: str, spans: list[tuple[int, int]], base: OffsetMap | None = None) -> tuple[str, OffsetMap]:
    """``text`` without ``spans``, and the map of the result to ``text``'s original.

    ``base`` maps ``text`` itself to an original; by default ``text`` is the original.  The texts
    handled here are always length-preserving images of the original, so ``base`` is the identity.
    """
    spans = merge(spans)
    pieces: list[str] = []
    keep_start = 0
    kept: list[tuple[int, int]] = []
    for a, b in spans:
        if a > keep_start:
            kept.append((keep_start, a))
        keep_start = b
    if keep_start < len(text):
        kept.append((keep_start, len(text)))
    m = OffsetMap(sum(b - a for a, b in kept), len(text))
    n = 0
    for a, b in kept:
        pieces.append(text[a:b])
        m.add(n, a, b, linear=True)
        n += b - a
    return "".join(pieces), m


def shift_ranges(ranges: list[tuple[int, int]], deleted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Translate ranges of the text before deletion into the text after it."""
    deleted = merge(deleted)
    starts = [a for a, _ in deleted]
    cum = [0]
    for a, b in deleted:
        cum.append(cum[-1] + b - a)

    from bisect import bisect_right

    def pos(i: int) -> int:
        k = bisect_right(starts, i)
        # inside a deleted span: clamp to its start
        if k and i < deleted[k - 1][1]:
            return deleted[k - 1][0] - cum[k - 1]
        return i - cum[k]

    return [(pos(a), pos(b)) for a, b in ranges if pos(b) > pos(a)]
