"""The FastAPI application: extraction as a service, the event store over HTTP, and the dashboard.

`create_app(settings)` builds one app; `rasid serve` runs it with uvicorn. The dashboard is a set of
static files built from rasid/web/src by `npm run build` (see the Makefile) and served from `/`.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from fastapi import Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from .. import __version__
from ..contract import Document, DocumentResult
from . import errors
from .errors import ErrorBody
from .limits import BodySizeLimit
from .schemas import ExtractHtml, ExtractRequest, Health
from .settings import Settings

STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"
BUILD_HINT = ("the dashboard's assets are not built: run `make setup` (or `npm ci && npm run build`) in the "
              "Rasid source folder; the API works without them")

T = TypeVar("T")


def dashboard_built(static_dir: Path = STATIC_DIR) -> bool:
    return (static_dir / "index.html").is_file() and (static_dir / "app.js").is_file()


def _error(status: int, description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _error(400, "the body is not UTF-8 JSON"),
    413: _error(413, "request body larger than the configured limit"),
    422: _error(422, "the request does not have the documented shape"),
    500: _error(500, "unexpected failure"),
    504: _error(504, "the request took longer than the configured timeout"),
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {**COMMON_ERRORS, 401: _error(401, "a token is configured and "
                                                                                  "the request did not carry it")}


async def run_limited(settings: Settings, fn: Callable[..., T], *args: Any) -> T:
    """Run blocking work (extraction, database) in a worker thread, bounded by the timeout.

    A timed-out worker cannot be killed from Python; it finishes in the background while the client
    already has its 504, and the body size limit bounds how long that can be."""
    try:
        return await asyncio.wait_for(run_in_threadpool(fn, *args), timeout=settings.timeout_seconds)
    except TimeoutError:
        raise HTTPException(504, f"request took longer than {settings.timeout_seconds:g} s; "
                                 "send smaller or fewer documents") from None


def extract_one(req: ExtractRequest) -> DocumentResult:
    """The document result for one request body, exactly as `rasid extract` would give it."""
    from ..inputs import Reject, html_to_document
    from ..pipeline.run import process

    meta = {"title": req.title, "url": req.url, "outlet": req.outlet}
    if isinstance(req, ExtractHtml):
        doc = html_to_document(req.html, req.id, req.published)
        if isinstance(doc, Reject):
            return DocumentResult(id=req.id, published=req.published, error=doc.error, **meta)
        for key, value in meta.items():
            if value is not None:
                setattr(doc, key, value)
        result = process(doc)
        result.text = doc.text
        return result
    return process(Document(id=req.id, text=req.text, published=req.published, **meta))


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    store = getattr(app.state, "store", None)
    if store is not None:
        store.close()


def create_app(settings: Settings | None = None, static_dir: Path = STATIC_DIR) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        lifespan=_lifespan,
        title="Rasid",
        version=__version__,
        summary="Arabic news in, structured, geocoded, source-attributed event data out.",
        description="Events in PLOVER with ACLED and CAMEO mappings; every field points back to the words of "
                    "the source (character offsets into the document text). Errors are JSON: "
                    '`{"error": message, "status": code}`.',
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    errors.install(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])

    bearer = HTTPBearer(auto_error=False, description="needed for writes when the server has a token configured")

    # (a default, not Annotated: annotations are strings here and `bearer` is local)
    def require_token(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:  # noqa: B008
        if settings.token is None:
            return
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), settings.token.encode()):
            raise HTTPException(401, "a bearer token is required for writes: send 'Authorization: Bearer <token>'",
                                headers={"WWW-Authenticate": "Bearer"})

    app.state.require_token = require_token

    @app.get("/health", response_model=Health, tags=["service"],
             responses={500: COMMON_ERRORS[500], 503: _error(503, "the database cannot be opened")})
    async def health() -> Health | JSONResponse:
        """Up, with the dashboard's assets and the database reachable (it is opened on first use)."""
        backend = None
        opener = getattr(app.state, "open_store", None)
        if opener is not None:
            from sqlalchemy.exc import SQLAlchemyError

            try:
                backend = (await run_limited(settings, opener)).engine.dialect.name
            except (SQLAlchemyError, OSError) as exc:  # a health check reports what is wrong instead of failing
                return errors.error_response(503, f"the database cannot be opened: {type(exc).__name__}: {exc}")
        return Health(status="ok", version=__version__, dashboard=dashboard_built(static_dir), store=backend)

    @app.post("/v1/extract", response_model=DocumentResult, tags=["extraction"], responses=COMMON_ERRORS,
              summary="Code the events of one text or HTML page (nothing is stored)")
    async def extract(body: ExtractRequest) -> DocumentResult:
        return await run_limited(settings, extract_one, body)

    _attach_store_routes(app, settings)
    _attach_dashboard(app, static_dir)
    return app


def _attach_store_routes(app: FastAPI, settings: Settings) -> None:
    """The store's endpoints, when the store is installed (it needs SQLAlchemy)."""
    try:
        from .store_routes import attach
    except ImportError:
        return
    attach(app, settings)


def _attach_dashboard(app: FastAPI, static_dir: Path) -> None:
    """index.html at / and its assets under /static/: a catch-all mount at / would answer API paths
    with a wrong method (405) by a 404 of its own."""
    if dashboard_built(static_dir):
        index = static_dir / "index.html"
        app.mount("/static", StaticFiles(directory=static_dir), name="static")

        @app.get("/", include_in_schema=False)
        def dashboard() -> FileResponse:
            return FileResponse(index, media_type="text/html")

        return

    @app.get("/", include_in_schema=False)
    def missing(_: Request) -> JSONResponse:
        return errors.error_response(503, BUILD_HINT)
