"""The FastAPI application: the endpoints, the playground's files, the limits and the error handlers.

`create_app()` loads the law once (or takes a `Writ` already loaded) and every request is
decided against it. The OpenAPI document (/openapi.json, browsable at /docs) is generated
from the request models of `server.models` and the decision models of `writ.decision`.
"""

from __future__ import annotations

from importlib import metadata, resources

from fastapi import FastAPI, Query
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from ..api import Writ
from . import errors, highlighting
from . import models as api
from .service import Config, Service

STATIC = resources.files("writ.server") / "static"
ERRORS = {400: {"model": api.ErrorBody, "description": "a request the service cannot read (E003)"},
          413: {"model": api.ErrorBody, "description": "a request over the limits (E004)"},
          422: {"model": api.ErrorBody, "description": "the case has errors, or no answer within the limits: its diagnostics"}}
# The playground runs only its own script and styles: a case's text, shown in it, can run nothing.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def create_app(writ: Writ | None = None, config: Config = Config()) -> FastAPI:
    """The service over `writ` (default: every bundled statute, loaded now, once)."""
    service = Service(writ or Writ.load(), config)
    app = FastAPI(title="Writ", version=metadata.version("writ"), responses=ERRORS,  # type: ignore[arg-type]
                  description="US sanctions and export-control law as executable, citable rules: decide a case, "
                  "what-if, interview, screen parties, read the law. Errors are Writ's diagnostics (file, line, "
                  "column, code, hint). The playground is at /.")
    app.state.service = service
    errors.install(app)
    app.add_middleware(errors.LimitBody, max_bytes=config.max_request_bytes)

    @app.middleware("http")
    async def headers(request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if not request.url.path.startswith(("/docs", "/redoc")):  # FastAPI's own pages load their scripts from a CDN
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    @app.post("/decide", response_model=api.DecideResponse, tags=["decide"])
    def decide(req: api.DecideRequest) -> api.DecideResponse:
        """Decide every case of the text (or one): each answer with its derivation, citations and what would decide it."""
        return service.decide(req)

    @app.post("/what-if", response_model=api.WhatIfResponse, tags=["decide"])
    def what_if(req: api.WhatIfRequest) -> api.WhatIfResponse:
        """Decide a case as written and with facts added (`set`) or denied (`unset`); list the answers that change."""
        return service.what_if(req)

    @app.post("/interview", response_model=api.InterviewResponse, tags=["decide"])
    def interview(req: api.InterviewRequest) -> api.InterviewResponse:
        """One step of an interview: the answer on the facts given so far, and the next fact that can still change it."""
        return service.interview(req)

    @app.post("/screen", response_model=api.ScreenResponse, tags=["screen"])
    def screen(req: api.ScreenRequest) -> api.ScreenResponse:
        """Screen parties against the bundled lists, each row decided by the law (as `writ screen --json`)."""
        return service.screen(req)

    @app.get("/law", response_model=api.LawResponse, tags=["law"])
    def law(module: str | None = Query(None, description="only this statute module or folder, e.g. glomag or ear/part744"),
            q: str | None = Query(None, description="only provisions whose id, title, citation or text contains this")) -> api.LawResponse:
        """The provisions of the loaded law: citation, the text each encodes, period in force, notes, where it is written."""
        return api.LawResponse(provisions=service.provisions(module, q))

    @app.get("/law/{provision}", response_model=api.ProvisionOut, tags=["law"])
    def provision(provision: str) -> api.ProvisionOut:
        """One provision, by its identifier (e.g. eo13818_1_a_ii_A)."""
        return service.provision(provision)

    @app.get("/highlighting.json", tags=["playground"])
    def highlighting_rules() -> dict:
        """The playground's highlighting rules, generated from grammar/writ.tmLanguage.json."""
        return highlighting.rules()

    @app.get("/", include_in_schema=False)
    def playground() -> Response:
        return FileResponse(str(STATIC / "index.html"), media_type="text/html")

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app
