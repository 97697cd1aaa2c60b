"""The `plans` table: one row per source document."""
from __future__ import annotations

import datetime
from typing import Optional

import pandera.polars as pa
import polars as pl

from ._common import ADMIN_LEVELS, PROVINCE_SOURCES, SOURCE_KINDS


class Plans(pa.DataFrameModel):
    """One row per document in raw/: a province's or locality's plan, programme or strategy, or a national text."""

    plan_id: str = pa.Field(unique=True, str_matches=r"^plan_[0-9a-f]{16}$",
                            description="Stable id of the plan, hashed from its raw file name.")
    source_file: str = pa.Field(unique=True, description="File name of the raw text in raw/.")
    raw_sha256: str = pa.Field(str_matches=r"^[0-9a-f]{64}$", description="SHA-256 of the raw file's bytes.")
    source_kind: str = pa.Field(isin=SOURCE_KINDS,
                                description="original: the document's own text or a news report of it; "
                                            "restatement: its figures restated in our own words.")
    source_url: Optional[str] = pa.Field(nullable=True, description="Where the text was read (from the manifest or the restatement's first line).")
    source_id: Optional[str] = pa.Field(nullable=True, str_matches=r"^src_[0-9a-f]{16}$",
                                        description="The document's row in the source list (raw/manifest.csv: URL, publisher, "
                                                    "number, date, retrieval date and sha256 of what was retrieved); "
                                                    "null for a file the list does not name.")
    title: Optional[str] = pa.Field(nullable=True, description="Title or headline as written.")
    doc_number: Optional[str] = pa.Field(nullable=True, description="The document's own number, e.g. 139/KH-UBND, 49-CTr/TU.")
    doc_type: Optional[str] = pa.Field(nullable=True, description="Kế hoạch, Chương trình hành động, Quyết định, … read from the number or title.")
    issuer: Optional[str] = pa.Field(nullable=True, description="Issuing body as the header or database block gives it.")
    issue_date: Optional[datetime.date] = pa.Field(nullable=True, description="Date of issue, when the text states it.")
    signer: Optional[str] = pa.Field(nullable=True, description="Person who signed, when the text states it.")
    province_code: Optional[str] = pa.Field(nullable=True, str_matches=r"^\d{2}$",
                                            description="Two-digit official code of the pre-2025 province or centrally-run city; null for national texts.")
    province_name: Optional[str] = pa.Field(nullable=True, description="Name of that province.")
    province_code_2025: Optional[str] = pa.Field(nullable=True, str_matches=r"^\d{2}$",
                                                 description="Code of the provincial unit (from 1 July 2025) the province now belongs to.")
    province_source: Optional[str] = pa.Field(nullable=True, isin=PROVINCE_SOURCES,
                                              description="How the province was found: header, place_line, title, body, districts (a page that names no province but only districts or towns of one), masthead (a page that says 'toàn tỉnh' without naming it, on or credited to one provincial paper: 'Báo Gia Lai') or manifest.")
    province_note: Optional[str] = pa.Field(nullable=True, description="Reason given in the manifest when it sets the province.")
    admin_level: str = pa.Field(isin=ADMIN_LEVELS, description="national, province, district (a city, town or district inside a province) or unknown.")
    locality: Optional[str] = pa.Field(nullable=True, description="The city or district inside the province that issued the plan, e.g. 'thành phố Yên Bái'.")
    implements: pl.List(pl.Utf8) = pa.Field(description="Numbers of the parent documents the plan cites as what it implements (20-NQ/TW, 09/NQ-CP, …).")
    n_targets: int = pa.Field(ge=0, description="Number of rows in `targets` for this plan.")
    n_deadlines: int = pa.Field(ge=0, description="Number of rows in `deadlines` for this plan.")

    class Config:
        strict = True
        coerce = True
