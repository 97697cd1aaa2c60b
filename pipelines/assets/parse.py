"""Parse: plans, targets and deadlines from each document; quarantine for what could not be used."""

import dagster as dg
import polars as pl

from coopdata.ingest import Rejected
from coopdata.tables import (ParsedDocument, deadlines_frame, metrics_frame, plans_frame, quarantine_frame,
                             targets_frame)

from .ingest import _meta


@dg.asset(group_name="parse", description="Every usable document's metadata, targets and deadlines, as parsed in its partition.")
def parsed_documents(documents: tuple[list[ParsedDocument], list[Rejected]]) -> dg.Output:
    parsed, _ = documents
    df = pl.DataFrame([dict(source_file=p.doc.source_file, doc_number=p.plan.doc_number,
                            province=p.plan.province.name if p.plan.province else None,
                            targets=len(p.targets), deadlines=len(p.deadlines)) for p in parsed],
                      schema={"source_file": pl.Utf8, "doc_number": pl.Utf8, "province": pl.Utf8,
                              "targets": pl.Int64, "deadlines": pl.Int64})
    return dg.Output(parsed, metadata=_meta(df, targets=int(df["targets"].sum() or 0),
                                            deadlines=int(df["deadlines"].sum() or 0)))


@dg.asset(group_name="parse", description="One row per document: number, type, issuer, date, signer, province, "
          "locality and the parent documents it implements.")
def plans(parsed_documents: list[ParsedDocument]) -> dg.Output[pl.DataFrame]:
    df = plans_frame(parsed_documents)
    return dg.Output(df, metadata=_meta(df.select("source_file", "doc_number", "issue_date", "province_name",
                                                  "admin_level", "n_targets")))


@dg.asset(group_name="parse", description="One row per quantified aim (spec/targets.md), with rule name and evidence span.")
def targets(parsed_documents: list[ParsedDocument]) -> dg.Output[pl.DataFrame]:
    df = targets_frame(parsed_documents)
    return dg.Output(df, metadata=_meta(df.select("source_file", "metric", "comparator", "value_low", "value_high",
                                                  "unit", "frequency", "target_year", "sector")))


@dg.asset(group_name="parse", description="One row per dated or recurring obligation, from sentences and task tables.")
def deadlines(parsed_documents: list[ParsedDocument]) -> dg.Output[pl.DataFrame]:
    df = deadlines_frame(parsed_documents)
    return dg.Output(df, metadata=_meta(df.select("source_file", "due_date", "due_precision", "recurrence",
                                                  "responsible", "task")))


@dg.asset(group_name="parse", description="Normalised texts, the base every char_start/char_end points into.")
def document_texts(documents: tuple[list[ParsedDocument], list[Rejected]]) -> dg.Output[pl.DataFrame]:
    from coopdata.tables import documents_frame
    df = documents_frame([p.doc for p in documents[0]])
    return dg.Output(df, metadata=_meta(df.drop("text")))


@dg.asset(group_name="parse", description="Every input that could not be used, with the reason: nothing is dropped silently.")
def quarantine(documents: tuple[list[ParsedDocument], list[Rejected]]) -> dg.Output[pl.DataFrame]:
    df = quarantine_frame(documents[1])
    return dg.Output(df, metadata=_meta(df))


@dg.asset(group_name="parse", description="The metric vocabulary targets.metric uses (coopdata/data/metrics.csv).")
def metrics() -> dg.Output[pl.DataFrame]:
    df = metrics_frame()
    return dg.Output(df, metadata=_meta(df.select("metric", "default_unit", "label_en")))
