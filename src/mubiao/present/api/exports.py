"""``/api/export`` (the ledger as CSV, xlsx or JSON) and ``/api/report`` (a written report)."""

from __future__ import annotations

import importlib
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import Response

from mubiao.ledger import OUTPUT_FORMATS, output_format
from mubiao.present.api.bounds import YEAR_MAX, YEAR_MIN
from mubiao.present.api.deps import LedgerFilter, State
from mubiao.present.api.errors import ApiError

router = APIRouter(tags=["exports"])


def download(content: bytes, media_type: str, file_name: str) -> Response:
    # an ASCII name for old clients, the real (often Chinese) one in RFC 5987 form
    ascii_name = file_name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(file_name)}"
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


@router.get(
    "/export",
    response_class=Response,
    responses={200: {"content": {f.media_type: {} for f in OUTPUT_FORMATS.values()}}},
)
def export(
    state: State,
    query: LedgerFilter,
    format: Annotated[str, Query(pattern=f"^({'|'.join(OUTPUT_FORMATS)})$")] = "csv",
) -> Response:
    """The ledger rows the filters keep (the filters of ``/api/ledger``) as a file: CSV (UTF-8 with
    BOM, for Excel), xlsx or JSON, as ``mubiao export`` writes them."""
    rows = state.ledger.rows(query)
    out = output_format(format)
    region = state.ledger.resolve_region(query.region) if query.region else None
    name = f"mubiao-ledger-{region}.{format}" if region else f"mubiao-ledger.{format}"
    return download(out.render(rows), out.media_type, name)


@router.get(
    "/report",
    response_class=Response,
    responses={501: {"description": "the reports are not installed"}},
)
def report(
    state: State,
    region: str,
    period: str | None = None,
    format: Annotated[str, Query(pattern="^(docx|html|xlsx)$")] = "html",
    kind: Annotated[str, Query(description="auto, or a kind of mubiao.present.reports.KINDS")] = "auto",
    as_of: Annotated[
        int | None, Query(ge=YEAR_MIN, le=YEAR_MAX, description="use only results of years up to this one")
    ] = None,
) -> Response:
    """A written report of a region's targets and results (mubiao.present.reports): a plan's
    evaluation for a period (2021-2025), a year's follow-up for a year; the latest plan by default."""
    try:
        reports = importlib.import_module("mubiao.present.reports")
        build_report = reports.build_report
    except (ImportError, AttributeError) as e:
        raise ApiError(501, "E501", "reports are not available on this server / 报告功能未安装") from e
    content, media_type, file_name = build_report(
        state.ledger, region=region, period=period, kind=kind, fmt=format, as_of=as_of
    )
    return download(content, media_type, file_name)
