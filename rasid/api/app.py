"""The FastAPI application: extraction as a service, the event store over HTTP, and the dashboard.

`create_app(settings)` builds one app; `rasid serve` runs it with uvicorn. The dashboard is a set of
static files built from rasid/web/src by `npm run build` (see the Makefile), committed and shipped in
every sdist and wheel (build_backend/rasid_build.py), and served from `/`. The API docs page `/docs`
loads Swagger UI from the same build (copied from npm's swagger-ui-dist), never from a CDN.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..contract import Document, DocumentResult
from . import errors, store_routes
from .auth import TrustedHosts
from .errors import COMMON_ERRORS, CatchAll, error_doc
from .limits import BodySizeLimit, run_isolated, run_limited
from .schemas import ExtractHtml, ExtractRequest, Health
from .settings import Settings

STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"
SWAGGER_UI = "swagger/swagger-ui-bundle.js"  # under the static folder, with swagger-ui.css and its icon


def dashboard_built(static_dir: Path = STATIC_DIR) -> bool:
    return (static_dir / "index.html").is_file() and (static_dir / "app.js").is_file()


def docs_built(static_dir: Path = STATIC_DIR) -> bool:
    return dashboard_built(static_dir) and (static_dir / SWAGGER_UI).is_file()


def dashboard_hint(static_dir: Path = STATIC_DIR) -> str:
    """How to get the missing dashboard and docs page, for a source checkout or an installed package."""
    if (static_dir.parent / "src" / "index.html").is_file():  # a source checkout: the sources are there
        return (f"the dashboard's files are missing from this source checkout ({static_dir}): "
                "`git checkout -- rasid/web/static` restores the committed build, or `make dashboard` rebuilds it "
                "(needs Node.js and npm); the HTTP API works without them (/openapi.json)")
    return (f"this Rasid installation has no dashboard files ({static_dir}): reinstall Rasid "
            "(`pip install --force-reinstall --no-deps rasid`, or the wheel, folder or URL you installed it from); "
            "every Rasid wheel and source archive carries the built dashboard and needs no Node.js. "
            "The HTTP API works without them (/openapi.json)")


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
    settings.check()
    app = FastAPI(
        lifespan=_lifespan,
        title="Rasid",
        version=__version__,
        summary="Arabic news in, structured, geocoded, source-attributed event data out.",
        description="Events in PLOVER with ACLED and CAMEO mappings; every field points back to the words of "
                    "the source (character offsets into the document text). Errors are JSON: "
                    '`{"error": message, "status": code}`.',
        docs_url=None,  # our own /docs below: Swagger UI from the static build, not from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    errors.install(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(GZipMiddleware, minimum_size=1024)  # pages of JSON and the dashboard's files shrink ~5 times
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(TrustedHosts, allowed_hosts=settings.trusted_hosts(), www_redirect=False)
    app.add_middleware(CatchAll)  # outermost: any failure is a JSON 500 on a connection that stays open

    open_store = store_routes.store_opener(app, settings)

    @app.get("/health", response_model=Health, tags=["service"],
             responses={500: COMMON_ERRORS[500], 503: error_doc("the database cannot be opened")})
    async def health() -> Health | JSONResponse:
        """Up, with the dashboard's assets and the database reachable (it is opened on first use).
        Why a database is unavailable goes to the server's log only: its host, user and driver
        messages are nobody else's business."""
        from sqlalchemy.exc import SQLAlchemyError

        from ..store import StoreError

        try:
            backend = (await run_limited(settings, open_store)).engine.dialect.name
        except (SQLAlchemyError, OSError, StoreError) as exc:  # a health check reports, never fails
            errors.log.error("health: the database cannot be opened: %s: %s", type(exc).__name__, exc)
            return errors.error_response(503, "the database is unavailable")
        return Health(status="ok", version=__version__, dashboard=dashboard_built(static_dir), store=backend)

    @app.post("/v1/extract", response_model=DocumentResult, tags=["extraction"], responses=COMMON_ERRORS,
              summary="Code the events of one text or HTML page (nothing is stored)")
    async def extract(body: ExtractRequest) -> DocumentResult:
        return await run_isolated(settings, extract_one, body)  # a process: killed on timeout

    store_routes.attach(app, settings, open_store)
    _attach_dashboard(app, static_dir)
    return app


def _attach_dashboard(app: FastAPI, static_dir: Path) -> None:
    """index.html at /, the API docs page at /docs and their assets under /static/: a catch-all mount
    at / would answer API paths with a wrong method (405) by a 404 of its own."""
    if dashboard_built(static_dir):
        index = static_dir / "index.html"
        app.mount("/static", StaticFiles(directory=static_dir), name="static")

        @app.get("/", include_in_schema=False)
        def dashboard() -> FileResponse:
            return FileResponse(index, media_type="text/html")
    else:
        @app.get("/", include_in_schema=False)
        def missing(_: Request) -> JSONResponse:
            return errors.error_response(503, dashboard_hint(static_dir))

    @app.get("/docs", include_in_schema=False, response_model=None)
    def docs(request: Request) -> HTMLResponse | JSONResponse:
        if not docs_built(static_dir):
            return errors.error_response(503, dashboard_hint(static_dir))
        root = request.scope.get("root_path", "").rstrip("/")
        swagger = f"{root}/static/{SWAGGER_UI.rsplit('/', 1)[0]}"
        return get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}", title=f"{app.title} — API",
            swagger_js_url=f"{swagger}/swagger-ui-bundle.js", swagger_css_url=f"{swagger}/swagger-ui.css",
            swagger_favicon_url=f"{swagger}/favicon-32x32.png",
            # no validator badge: Swagger UI would load it from validator.swagger.io
            swagger_ui_parameters={"validatorUrl": None})
