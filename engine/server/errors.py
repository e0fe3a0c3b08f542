"""Errors as the service returns them: the same diagnostics `writ check` prints (file, line,
column, code, message, hint) as JSON, with the HTTP status that fits, and never a traceback.

    422  the case text has errors (WritError), or a case has no answer within the limits (E501, E502)
    400  a request the service cannot read (E003): not JSON, a field missing or misspelt
    404  no such case, provision or path (E005)
    413  a request body over the size limit (E004)
    500  a fault in Writ (E503, or an unexpected exception: reported without its traceback)
"""

from __future__ import annotations

import logging
from typing import Iterable, Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..core.diagnostics import Diagnostic, Reporter, Span, WritError
from .models import DiagnosticOut, ErrorBody

REQUEST = "<request>"  # the file name of diagnostics about the request itself, not a case's text
log = logging.getLogger("writ.server")


def out(d: Diagnostic) -> DiagnosticOut:
    s = d.span
    return DiagnosticOut(severity=d.severity.value, code=d.code, message=d.message, file=s.file, line=s.line,
                         column=s.column, end_line=s.end_line, end_column=s.end_column, hint=d.hint, path=d.path)


def diagnostic(code: str, message: str, hint: str | None = None, span: Span | None = None) -> Diagnostic:
    """One error through the registry (core/codes.py), so the service's codes are the engine's."""
    rep = Reporter()
    rep.error(code, span or Span(REQUEST, 1, 1, 1, 1), message, hint)
    return rep.diagnostics[0]


class ServiceError(StarletteHTTPException):
    """An error response: its status and its diagnostics."""

    def __init__(self, status: int, diagnostics: Sequence[Diagnostic]):
        super().__init__(status_code=status, detail=diagnostics[0].message if diagnostics else "")
        self.diagnostics = list(diagnostics)


def not_found(message: str, hint: str | None = None) -> ServiceError:
    return ServiceError(404, [diagnostic("E005", message, hint)])


def body(diagnostics: Iterable[Diagnostic], source: str | None = None) -> dict:
    ordered = sorted(diagnostics, key=lambda d: not d.is_error)  # errors first, as the command line prints them
    return ErrorBody(diagnostics=[out(d) for d in ordered], source=source).model_dump(
        mode="json", exclude={"source"} if source is None else None)


def response(status: int, diagnostics: Iterable[Diagnostic], source: str | None = None) -> JSONResponse:
    return JSONResponse(body(diagnostics, source), status_code=status)


def _line_column(text: bytes, pos: int) -> tuple[int, int]:
    before = text[:pos].decode("utf-8", "replace")
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    """Pydantic's validation errors as E003 diagnostics, each naming the field (or the place in the JSON)."""
    raw = await request.body()
    diags = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p != "body"]
        if err.get("type") == "json_invalid" and loc and loc[-1].isdigit():
            line, col = _line_column(raw, int(loc[-1]))
            diags.append(diagnostic("E003", f"the body is not JSON: {err.get('ctx', {}).get('error', err['msg'])}",
                                    "send a JSON object (Content-Type: application/json)", Span(REQUEST, line, col, line, col + 1)))
            continue
        where = ".".join(loc) or "the body"
        diags.append(diagnostic("E003", f"{where}: {err['msg']}", f"the fields {request.url.path} takes are in /openapi.json"))
    return response(400, diags)


async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if isinstance(exc, ServiceError):
        return response(exc.status_code, exc.diagnostics)
    if exc.status_code == 404:
        return response(404, [diagnostic("E005", f"no such path: {request.url.path}", "the endpoints are listed at /docs")])
    return response(exc.status_code, [diagnostic("E003", f"{request.method} {request.url.path}: {exc.detail}",
                                                 "the endpoints and their methods are listed at /docs")])


async def _writ_error(request: Request, exc: WritError) -> JSONResponse:
    # a ModelError (cases given as objects) carries the text generated from them, where its lines count
    return response(422, exc.diagnostics, getattr(exc, "source", None))


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.exception("internal error on %s", request.url.path)  # the traceback goes to the log, not to the client
    return response(500, [diagnostic("E503", f"internal error: {type(exc).__name__}",
                                     "this is a fault in Writ, not in the request; please report it with the request")])


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(WritError, _writ_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _internal)


class _TooLarge(ServiceError):
    def __init__(self, limit: int):
        super().__init__(413, [too_large(limit)])


def too_large(limit: int) -> Diagnostic:
    return diagnostic("E004", f"the request body is over the limit of {limit:,} bytes",
                      "send a smaller case or batch, or start the service with a larger --max-request-bytes")


class LimitBody:
    """ASGI middleware: refuse a body over `max_bytes`, by its Content-Length before reading it,
    and while reading it when it has none (chunked)."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await response(413, [too_large(self.max_bytes)])(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise _TooLarge(self.max_bytes)  # an HTTPException: FastAPI passes it to the handler above
            return message

        await self.app(scope, limited, send)
