"""Pandera models of the published tables: the one place every column is described."""
from .changes import Changes
from .deadlines import Deadlines
from .documents import Documents
from .metrics import Metrics
from .plans import Plans
from .provinces import Coverage, Coverage2025, NationalComparison, Provinces, Provinces2025
from .quarantine import Quarantine
from .targets import TargetCandidates, Targets

TABLES = {"plans": Plans, "targets": Targets, "target_candidates": TargetCandidates, "deadlines": Deadlines, "quarantine": Quarantine,
          "documents": Documents, "metrics": Metrics, "provinces": Provinces, "provinces_2025": Provinces2025,
          "coverage": Coverage, "coverage_2025": Coverage2025, "national_comparison": NationalComparison, "changes": Changes}

__all__ = ["TABLES", "Plans", "Targets", "TargetCandidates", "Deadlines", "Quarantine", "Documents", "Metrics", "Provinces",
           "Provinces2025", "Coverage", "Coverage2025", "NationalComparison", "Changes"]
