"""Ingestion: every kind of source becomes an `ArticleDraft` (text + metadata), then an `Article` in the store."""
