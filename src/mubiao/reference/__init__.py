"""Reference data that extraction and the ledger both stand on: the regions of China and the
indicator registry.

This package sits just above the document model: it imports nothing of :mod:`mubiao.extract`,
:mod:`mubiao.ledger` or :mod:`mubiao.present`, so every stage can be given its tables instead of
reaching up for them.
"""

from mubiao.reference.regions import Region, Regions
from mubiao.reference.registry import Indicator, Registry

__all__ = ["Indicator", "Region", "Regions", "Registry"]
