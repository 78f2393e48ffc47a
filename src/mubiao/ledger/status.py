"""The statuses of a ledger row, their names and their one palette, for every face.

The CLI's table, the spreadsheets, the reports and the dashboard (through ``/api/statuses``;
``format.js`` and ``app.css`` hold the same colours, checked by a test) all colour a status
from :data:`STATUS_COLOURS`.
"""

from __future__ import annotations

from mubiao.ledger.evaluate import STATUSES

__all__ = ["STATUSES", "STATUS_COLOURS", "STATUS_LABELS", "STATUS_LABELS_EN"]

#: the colour of each status (RGB hex, without #): chips, fills, charts
STATUS_COLOURS: dict[str, str] = {
    "achieved": "2E7D32",
    "on_track": "8BC34A",
    "at_risk": "F0A202",
    "missed": "C62828",
    "pending": "9E9E9E",
    "needs_review": "1E88E5",
}

STATUS_LABELS: dict[str, str] = {
    "achieved": "已完成",
    "on_track": "序时推进",
    "at_risk": "存在风险",
    "missed": "未完成",
    "pending": "待数据",
    "needs_review": "待研判",
}
#: English status names (charts drawn without a CJK font, the English dashboard)
STATUS_LABELS_EN: dict[str, str] = {
    "achieved": "achieved",
    "on_track": "on track",
    "at_risk": "at risk",
    "missed": "missed",
    "pending": "pending",
    "needs_review": "needs review",
}
