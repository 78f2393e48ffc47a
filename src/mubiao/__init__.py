"""mubiao (目标): targets and results of Chinese local government, read from the documents themselves.

>>> import mubiao
>>> doc = mubiao.read_text("2025年1月政府工作报告。今年主要预期目标是：地区生产总值增长5%左右。")
>>> [s.to_dict()["value"] for s in mubiao.extract(doc)]
[5]
"""

from mubiao import patterncache

# the patterns of the modules below, compiled at their import, come from the cache on disk where a
# process before this one compiled them (mubiao/patterncache.py)
_keep_patterns = patterncache.preload()
try:
    from mubiao.document import Document, DocumentMeta
    from mubiao.errors import (
        BinaryFileError,
        EmptyDocumentError,
        EncodingError,
        FileTooLargeError,
        MubiaoError,
        NoTextLayerError,
        ReadError,
        UnsupportedFormatError,
    )
    from mubiao.pipeline import Pipeline, extract, read, read_text
    from mubiao.reference import Indicator, Region, Regions, Registry
    from mubiao.statement import Statement
finally:
    _keep_patterns()

__version__ = "0.1.0"

__all__ = [
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
    "ReadError",
    "Region",
    "Regions",
    "Registry",
    "Statement",
    "UnsupportedFormatError",
    "__version__",
    "extract",
    "read",
    "read_text",
]
