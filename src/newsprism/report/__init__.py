"""The JSON report ``newsprism.report/*``: the contract between the core and every surface (see docs/report.md)."""

from .build import SCHEMA_ID, build_report, check_evidence, schema, validate

__all__ = ["SCHEMA_ID", "build_report", "check_evidence", "schema", "validate"]
