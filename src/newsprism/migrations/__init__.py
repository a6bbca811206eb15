"""Alembic migrations of the store, shipped inside the package so an installed ``newsprism`` can migrate itself.

Run programmatically by ``newsprism.storage.migrate.upgrade``; no ``alembic.ini`` is needed. To write a new
revision during development::

    python -m newsprism.migrations revision -m "what changed"
"""
