"""Background jobs of the directives module, registered when the app loads.

Each long piece of work lives in the module its name says; importing them here
registers their jobs in the web process and in the worker.
"""

from __future__ import annotations

from lienhiep.directives import exports, importer, letters, review, urging

__all__ = ["exports", "importer", "letters", "review", "urging"]
