"""Rasid over HTTP: `create_app()` gives the FastAPI app that `rasid serve` runs."""

from .app import create_app, dashboard_built, dashboard_hint, docs_built
from .settings import Settings

__all__ = ["Settings", "create_app", "dashboard_built", "dashboard_hint", "docs_built"]
