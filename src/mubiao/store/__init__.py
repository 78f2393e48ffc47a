"""The store: documents, their statements, results entered by hand, status overrides and the audit
log, in SQLite or PostgreSQL, with its schema's migrations.

Below the ledger and beside the pipeline: it knows the reference data (to check manual results)
and the plain records it returns, never the extraction nor the evaluation.

    engine      the URL, the engine, migrations, every database error as a StoreError
    models      the ORM tables (the schema itself is the migrations')
    records     the plain records the store returns and the evaluation reads
    store       :class:`Store`: open, query statements, documents, regions, the audit log
    writes      an extracted document and its statements, in one transaction
    manual      results entered by hand (CSV, XLSX, the API), checked and audited
    overrides   the status a person gives a target, audited
"""

from __future__ import annotations

from mubiao.store.engine import display_url, resolve_url, store_errors
from mubiao.store.records import STATUSES, LedgerRow, Source, StatementRecord
from mubiao.store.store import AuditEntry, DocumentInfo, IndicatorUse, Store

__all__ = [
    "STATUSES",
    "AuditEntry",
    "DocumentInfo",
    "IndicatorUse",
    "LedgerRow",
    "Source",
    "StatementRecord",
    "Store",
    "display_url",
    "resolve_url",
    "store_errors",
]
