"""The ledger: targets against results, one facade for every face.

The CLI, the REST API, the dashboard and the reports import from here only: :class:`Ledger` (rows
through one :class:`LedgerQuery`, resolution of regions and indicators, ingestion, results,
overrides, the audit log), the records it returns, the output formats and the status palette.
"""

from __future__ import annotations

from mubiao.errors import MubiaoError, NotFoundError, StoreError, UsageError
from mubiao.ledger.compare import RegionFigure, RollUp, across_regions, roll_up
from mubiao.ledger.config import METHODS, EvalConfig, parse_tolerance
from mubiao.ledger.evaluate import convert_unit, evaluate, plan_period
from mubiao.ledger.export import (
    FORMATS,
    OUTPUT_FORMATS,
    OutputFormat,
    format_target,
    output_format,
    render,
    to_csv,
    to_json,
)
from mubiao.ledger.export import export as write_export
from mubiao.ledger.ingest import IngestFailure, IngestProgress, IngestSummary, extract_file
from mubiao.ledger.ledger import (
    LEVELS,
    TARGET_KINDS,
    Comparison,
    Generation,
    Ledger,
    LedgerQuery,
    covers_year,
)
from mubiao.ledger.people import (
    REPORT_STATUSES,
    ROLE_LABELS,
    ROLES,
    UNIT_KINDS,
    Issued,
    People,
    Principal,
    ReportInfo,
    Throttle,
    UnitInfo,
    UserInfo,
)
from mubiao.ledger.reread import Reread
from mubiao.ledger.sheets import csv_cell, put
from mubiao.ledger.status import STATUS_COLOURS, STATUS_LABELS, STATUS_LABELS_EN
from mubiao.ledger.supervision import (
    FREQUENCIES,
    MAX_EVIDENCE,
    BoardRow,
    Decomposition,
    DueItem,
    Margins,
    ProgressInfo,
    Supervision,
    SupervisionConfig,
    TaskInfo,
    TaskTargetInfo,
)
from mubiao.ledger.supervision.lights import COLOUR_LABELS
from mubiao.ledger.supervision.remind import Reminders, SmtpConfig
from mubiao.reference.registry import CATEGORIES
from mubiao.store import (
    STATUSES,
    AuditEntry,
    DocumentInfo,
    IndicatorUse,
    LedgerRow,
    Source,
    StatementRecord,
    Store,
    display_url,
)
from mubiao.store.corrections import STATES as CORRECTION_STATES
from mubiao.store.corrections import CorrectionInfo
from mubiao.store.documents import DOC_TYPES, META_FIELDS, DeletedDocument, VersionInfo
from mubiao.store.manual import ImportSummary
from mubiao.store.overrides import Override
from mubiao.store.queries import StatementFilter

__all__ = [
    "CATEGORIES",
    "COLOUR_LABELS",
    "CORRECTION_STATES",
    "DOC_TYPES",
    "FORMATS",
    "FREQUENCIES",
    "LEVELS",
    "MAX_EVIDENCE",
    "META_FIELDS",
    "METHODS",
    "OUTPUT_FORMATS",
    "REPORT_STATUSES",
    "ROLES",
    "ROLE_LABELS",
    "STATUSES",
    "STATUS_COLOURS",
    "STATUS_LABELS",
    "STATUS_LABELS_EN",
    "TARGET_KINDS",
    "UNIT_KINDS",
    "AuditEntry",
    "BoardRow",
    "Comparison",
    "CorrectionInfo",
    "Decomposition",
    "DeletedDocument",
    "DocumentInfo",
    "DueItem",
    "EvalConfig",
    "Generation",
    "ImportSummary",
    "IndicatorUse",
    "IngestFailure",
    "IngestProgress",
    "IngestSummary",
    "Issued",
    "Ledger",
    "LedgerQuery",
    "LedgerRow",
    "Margins",
    "MubiaoError",
    "NotFoundError",
    "OutputFormat",
    "Override",
    "People",
    "Principal",
    "ProgressInfo",
    "RegionFigure",
    "Reminders",
    "ReportInfo",
    "Reread",
    "RollUp",
    "SmtpConfig",
    "Source",
    "StatementFilter",
    "StatementRecord",
    "Store",
    "StoreError",
    "Supervision",
    "SupervisionConfig",
    "TaskInfo",
    "TaskTargetInfo",
    "Throttle",
    "UnitInfo",
    "UsageError",
    "UserInfo",
    "VersionInfo",
    "across_regions",
    "convert_unit",
    "covers_year",
    "csv_cell",
    "display_url",
    "evaluate",
    "extract_file",
    "format_target",
    "output_format",
    "parse_tolerance",
    "plan_period",
    "put",
    "render",
    "roll_up",
    "to_csv",
    "to_json",
    "write_export",
]
