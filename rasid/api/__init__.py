"""Rasid over HTTP: `create_app()` gives the FastAPI app that `rasid serve` runs."""

from .app import BUILD_HINT, create_app, dashboard_built
from .settings import Settings

__all__ = ["BUILD_HINT", "Settings", "create_app", "dashboard_built"]
