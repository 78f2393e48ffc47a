"""Bytes to text: find the encoding of a Chinese text file, deterministically.

The order is: a byte-order mark; UTF-16 without one, told by where its NUL bytes fall; strict UTF-8;
then GB18030 and Big5 strictly, and when both decode, the one whose text is more plausible Chinese.

Files saved by scrapers and old systems often carry a few broken bytes in otherwise good text.  When
no codec decodes the whole file, the one that decodes it with the fewest bad bytes is taken, provided
they are rare (at most one in a thousand) and the rest is plausible Chinese: the bad bytes become
U+FFFD, which the normaliser flags as damaged, and the statements around them are still read.

Big5 bytes nearly always decode as GB18030 too (GB18030 maps every two-byte code it can see), and
Simplified text in GBK often decodes as Big5 (or Big5-HKSCS), so strict decoding alone cannot choose.
Garbage from the wrong codec spreads over rare characters, symbols and private-use code points,
whereas real text keeps to a few thousand common characters; the score is the share of the text's
non-ASCII characters that are common characters of the script the codec serves (GB2312 level 1 for
GB18030, Big5's "frequently used" block for Big5) or common Chinese punctuation.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache

from mubiao.errors import BinaryFileError, EncodingError

__all__ = ["Decoded", "decode_bytes"]

#: characters scored when choosing a codec: enough to tell, cheap on a 50 MB file
_SAMPLE_CHARS = 65_536
#: below this share of common characters the best candidate is judged not to be Chinese text at all
_MIN_SCORE = 0.3
#: with fewer non-ASCII characters than this the floor is not applied: a short name proves nothing
_MIN_SCORED = 40
#: the largest share of undecodable bytes a file may have and still be read, with U+FFFD for them
_MAX_BAD_SHARE = 0.001
#: files shorter than this are decoded strictly or not at all
_MIN_TOLERANT_BYTES = 200
#: share of control characters above which decoded "text" is taken to be binary data
_MAX_CONTROL_SHARE = 0.01

_GB = "gb18030"
_BIG5 = ("big5", "cp950", "big5hkscs")

# Form feed (page breaks from pdftotext) and Ctrl-Z (old DOS end of file) occur in real text files.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Punctuation, full-width digits and letters, list numbering and pinyin with tone marks (glosses)
# are as much a part of Chinese text as its characters, in either script.
_COMMON_SIGNS = (
    "，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕—…·％～．／　"
    "０-９Ａ-Ｚａ-ｚ①-⑳㈠-㈩Ⅰ-Ⅻ"
    "āáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜüê"
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def _block(codec: str, leads: range, trails: range) -> str:
    # pair by pair: an unassigned code must not shift the decoder onto the wrong byte
    return "".join(bytes((lead, trail)).decode(codec, "ignore") for lead in leads for trail in trails)


@cache
def _common_gb() -> re.Pattern[str]:
    # GB2312 level 1: the 3,755 most used Simplified characters
    return re.compile(f"[{_COMMON_SIGNS}{_block('gb2312', range(0xB0, 0xD8), range(0xA1, 0xFF))}]")


@cache
def _common_big5() -> re.Pattern[str]:
    # Big5 A440–C67E: the 5,401 frequently used Traditional characters
    chars = _block("big5", range(0xA4, 0xC7), range(0x40, 0x7F)) + _block(
        "big5", range(0xA4, 0xC6), range(0xA1, 0xFF)
    )
    return re.compile(f"[{_COMMON_SIGNS}{chars}]")


def _plausibility(text: str, common: re.Pattern[str]) -> tuple[float, int]:
    """Share of non-ASCII characters in the sample that are common ones, and how many were scored."""
    sample = text[:_SAMPLE_CHARS]
    wide = len(_NON_ASCII.findall(sample))
    if not wide:
        return 1.0, 0
    return len(common.findall(sample)) / wide, wide


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """Decode BOM-less UTF-16 when the NUL bytes (high bytes of ASCII characters) keep to one parity."""
    if len(data) % 2:
        return None
    head = data[:65_536]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd >= 4 and even * 20 <= odd:
        codec = "utf-16-le"
    elif even >= 4 and odd * 20 <= even:
        codec = "utf-16-be"
    else:
        return None
    text = _strict(data, codec)
    return None if text is None else Decoded(text, codec)


def _check_not_binary(text: str, path: str) -> None:
    sample = text[:_SAMPLE_CHARS]
    controls = len(_CONTROL.findall(sample))
    if controls > max(2, len(sample) * _MAX_CONTROL_SHARE):
        raise BinaryFileError(
            f"not a text file: {controls} of its first {len(sample)} characters are control characters,"
            " so it looks like binary data",
            path=path,
        )


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decode_with_bom(data: bytes, path: str) -> Decoded | None:
    # UTF-32 LE's BOM begins with UTF-16 LE's, so the longer marks are tried first.
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return Decoded(body.decode(codec.removesuffix("-sig")), codec)
            except UnicodeDecodeError as e:
                name = codec.removesuffix("-sig").upper()
                raise EncodingError(
                    f"cannot decode: it starts with a {name} byte-order mark"
                    f" but byte {e.start + len(bom)} is not valid {name}",
                    path=path,
                ) from e
    return None


def _as_declared(data: bytes, declared: str | None) -> Decoded | None:
    if declared is None:
        return None
    text = _strict(data, declared)
    return None if text is None else Decoded(text, declared)


def _decode_cjk(data: bytes, utf8_error: UnicodeDecodeError, path: str) -> Decoded:
    """Choose between GB18030 and the Big5 family by plausibility."""
    candidates: list[tuple[float, int, Decoded]] = []
    gb = _strict(data, _GB)
    if gb is not None:
        candidates.append((*_plausibility(gb, _common_gb()), Decoded(gb, _GB)))
    for codec in _BIG5:
        big5 = _strict(data, codec)
        if big5 is not None:
            candidates.append((*_plausibility(big5, _common_big5()), Decoded(big5, codec)))
            break
    tried = ", ".join(("UTF-8", "GB18030", *(c.upper() for c in _BIG5)))
    if not candidates:
        tolerant = _tolerant(data)
        if tolerant is not None:
            return tolerant
        raise EncodingError(
            f"cannot decode: it is not valid text in any of {tried}"
            f" (as UTF-8, byte {utf8_error.start} is invalid)",
            path=path,
        ) from utf8_error
    # max() keeps the first of equal scores, and GB18030 comes first: mainland documents dominate.
    score, scored, best = max(candidates, key=lambda c: c[0])
    if score < _MIN_SCORE and scored >= _MIN_SCORED:
        names = " or ".join(c[2].encoding.upper() for c in candidates)
        raise EncodingError(
            f"cannot decode: the bytes decode as {names}, but the result does not look like Chinese"
            f" text, so the file is in some other encoding (tried {tried};"
            f" as UTF-8, byte {utf8_error.start} is invalid)",
            path=path,
        ) from utf8_error
    return best


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few broken bytes: GB18030 would 'decode' it all into nonsense, so catch it first."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(4, int(len(data) * _MAX_BAD_SHARE)) and len(data) >= _MIN_TOLERANT_BYTES:
        return Decoded(text, f"utf-8 ({bad} undecodable bytes replaced)")
    return None


def _tolerant(data: bytes) -> Decoded | None:
    """The codec that decodes ``data`` with the fewest bad bytes, if they are few enough."""
    best: tuple[int, Decoded] | None = None
    if len(data) < _MIN_TOLERANT_BYTES:
        return None  # in a short text a bad byte is too large a share to call it text
    limit = max(4, int(len(data) * _MAX_BAD_SHARE))
    for codec, common in (("utf-8", None), (_GB, _common_gb()), (_BIG5[0], _common_big5())):
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        if bad > limit:
            continue
        if common is not None:
            score, scored = _plausibility(text, common)
            if score < _MIN_SCORE and scored >= _MIN_SCORED:
                continue
        if best is None or bad < best[0]:
            best = (bad, Decoded(text, f"{codec} ({bad} undecodable bytes replaced)"))
    return best[1] if best else None


def decode_bytes(data: bytes, *, path: str, declared: str | None = None) -> Decoded:
    """Decode ``data`` and return the text with the codec used; a byte-order mark is dropped.

    ``declared`` is a codec the container names (an HTML ``<meta>`` charset).  It is tried after a
    byte-order mark and after UTF-8, since valid UTF-8 is almost never anything else while pages
    often declare what they are not; when the bytes are not valid in it, detection goes on.
    ``path`` only names the file in errors.
    """
    decoded = _decode_with_bom(data, path)
    if decoded is None and b"\x00" in data:
        decoded = _utf16_without_bom(data)
        if decoded is None:
            raise BinaryFileError(
                "not a text file: it contains NUL bytes, so it looks like binary data", path=path
            )
    if decoded is None:
        try:
            decoded = Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError as e:
            decoded = _as_declared(data, declared) or _mostly_utf8(data) or _decode_cjk(data, e, path)
    _check_not_binary(decoded.text, path)
    return decoded
