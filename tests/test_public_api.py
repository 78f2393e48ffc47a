"""The public API is small and deliberate: exactly these names, every one documented."""

from __future__ import annotations

import mubiao

EXPECTED = {
    "BinaryFileError",
    "Document",
    "DocumentMeta",
    "EmptyDocumentError",
    "EncodingError",
    "FileTooLargeError",
    "Indicator",
    "MubiaoError",
    "NoTextLayerError",
    "Pipeline",
    "Region",
    "Regions",
    "Registry",
    "ReadError",
    "Statement",
    "UnsupportedFormatError",
    "__version__",
    "extract",
    "read",
    "read_text",
}


def test_exported_names_are_exactly_the_public_api() -> None:
    assert set(mubiao.__all__) == EXPECTED
    for name in EXPECTED:
        assert hasattr(mubiao, name)


def test_public_callables_and_classes_are_documented() -> None:
    for name in EXPECTED - {"__version__"}:
        assert getattr(mubiao, name).__doc__, f"mubiao.{name} has no docstring"


def test_every_error_names_its_code_and_file() -> None:
    err = mubiao.EncodingError("cannot decode", path="report.txt")
    assert str(err) == "report.txt: cannot decode [E104]"
    assert isinstance(err, mubiao.ReadError) and isinstance(err, mubiao.MubiaoError)
