"""Reading: files and strings in, :class:`~mubiao.document.Document` with its ``original`` out.

Only this stage knows about file formats and encodings; everything after it sees decoded text.
"""

from mubiao.read.loader import MAX_BYTES, SUPPORTED_SUFFIXES, load, load_text

__all__ = ["MAX_BYTES", "SUPPORTED_SUFFIXES", "load", "load_text"]
