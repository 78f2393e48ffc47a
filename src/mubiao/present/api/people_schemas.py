"""The bodies of the people routes (logins, units, users, keys, unit reports), as pydantic models."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

__all__ = [
    "ActiveIn",
    "KeyIn",
    "KeyOut",
    "MeOut",
    "NewKeyOut",
    "PasswordIn",
    "ReportIn",
    "ReportOut",
    "ReviewIn",
    "TokenOut",
    "UnitIn",
    "UnitOut",
    "UserIn",
    "UserOut",
]

Role = Literal["admin", "supervisor", "reporter", "viewer"]
UnitKind = Literal["department", "town", "street", "other"]


class UnitOut(BaseModel):
    id: int
    name: str
    kind: UnitKind
    region: str = Field(description="the ledger region the unit belongs to")
    parent_id: int | None
    parent: str | None


class UnitIn(BaseModel):
    name: str = Field(min_length=1, max_length=128, examples=["区统计局"])
    kind: UnitKind = "department"
    region: str | None = Field(None, description="a region's name, short form or code; else the parent's")
    parent: str | None = Field(None, description="the name of the unit above (a town's department)")


class UserOut(BaseModel):
    id: int
    name: str
    display_name: str
    role: Role
    active: bool
    units: list[str]
    unit_ids: list[int]


class UserIn(BaseModel):
    name: str = Field(min_length=1, max_length=64)
    display_name: str | None = None
    role: Role
    password: str = Field(min_length=8, max_length=256)
    units: list[str] = Field(default_factory=list, description="unit names")


class PasswordIn(BaseModel):
    password: str = Field(min_length=8, max_length=256)


class ActiveIn(BaseModel):
    active: bool


class MeOut(BaseModel):
    name: str
    role: Role
    via: str = Field(description="session, key, token (the server's) or system")
    units: list[UnitOut] = Field(description="the user's own units")
    regions: list[str] | None = Field(description="the regions the user may write in; null: every one")
    public_read: bool = Field(description="whether the public ledger is read without a login")


class TokenOut(BaseModel):
    """A session, as OAuth2's password flow gives it."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime | None
    user: MeOut


class KeyIn(BaseModel):
    label: str = Field(min_length=1, max_length=128, examples=["月度导入脚本"])
    days: int | None = Field(365, ge=1, le=3650, description="how long the key lasts")
    user: str | None = Field(None, description="whose key (administrators only); oneself by default")


class KeyOut(BaseModel):
    id: int
    user: str
    label: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


class NewKeyOut(BaseModel):
    """A key just made: ``key`` is shown this once, never again."""

    id: int
    key: str
    label: str
    expires_at: datetime | None


class ReportIn(BaseModel):
    text: str = Field(min_length=1, max_length=5000)
    target_id: int | None = Field(None, description="the ledger target the report is about")
    year: int | None = None


class ReviewIn(BaseModel):
    status: Literal["approved", "returned"]
    note: str = Field("", max_length=2000)


class ReportOut(BaseModel):
    id: int
    unit_id: int
    unit: str
    target_id: int | None
    year: int | None
    text: str
    status: Literal["submitted", "approved", "returned"]
    who: str
    at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_note: str | None
