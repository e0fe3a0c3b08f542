"""`writ lsp`: the language server (pygls over stdio) that editors start for .writ files.

Each open document is checked as it is typed (analysis.py) and its diagnostics are
published; hover, go to definition and completion read the names the document and
the law declare (symbols.py). Writ's lines and columns count code points from 1; the
protocol's count from 0 in the units the client and server agreed on (UTF-16 unless
the client offers another), so every position passes through `_to_client`/`_from_client`.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path
from typing import cast

from lsprotocol import types as T
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path, from_fs_path
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import ServerTextPosition, ServerTextRange

from ..core.diagnostics import Diagnostic, Severity, Span
from ..core.resources import statutes_dir
from .analysis import Analysis, analyse, bundled
from .symbols import Symbol, completions, lookup, word_at

_KINDS = {"predicate": T.CompletionItemKind.Function, "provision": T.CompletionItemKind.Module,
          "constant": T.CompletionItemKind.Constant, "type": T.CompletionItemKind.Class,
          "case": T.CompletionItemKind.Struct, "keyword": T.CompletionItemKind.Keyword}


class WritServer(LanguageServer):
    """The server, with the latest analysis of each open document."""

    def __init__(self) -> None:
        super().__init__("writ", version("writ"), text_document_sync_kind=T.TextDocumentSyncKind.Full)
        self.analyses: dict[str, Analysis] = {}

    def refresh(self, uri: str) -> None:
        doc = self.workspace.get_text_document(uri)
        # cast: pygls types to_fs_path Optional, and a file: URI has a path
        path = Path(cast(str, to_fs_path(uri))) if uri.startswith("file:") else None
        analysis = analyse(doc.source, path, uri)
        self.analyses[uri] = analysis
        self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(
            uri=uri, version=doc.version, diagnostics=[_diagnostic(doc, analysis.text, d) for d in analysis.diagnostics]))

    def analysis(self, uri: str) -> Analysis:
        if uri not in self.analyses:
            self.refresh(uri)
        return self.analyses[uri]


server = WritServer()


@server.feature(T.INITIALIZED)
def _initialized(ls: WritServer, params: T.InitializedParams) -> None:
    bundled()  # parse and check the statutes once, before the first document needs them


@server.feature(T.TEXT_DOCUMENT_DID_OPEN)
def _did_open(ls: WritServer, params: T.DidOpenTextDocumentParams) -> None:
    ls.refresh(params.text_document.uri)


@server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
def _did_change(ls: WritServer, params: T.DidChangeTextDocumentParams) -> None:
    ls.refresh(params.text_document.uri)


@server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
def _did_close(ls: WritServer, params: T.DidCloseTextDocumentParams) -> None:
    ls.analyses.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(T.TEXT_DOCUMENT_HOVER)
def _hover(ls: WritServer, params: T.HoverParams) -> T.Hover | None:
    analysis, word, doc = _word(ls, params.text_document.uri, params.position)
    if word is None:
        return None
    symbols = lookup(analysis, word[0], params.position.line + 1)
    if not symbols:
        return None
    return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value="\n\n---\n\n".join(s.markdown for s in symbols)),
                   range=_to_client(doc, analysis.text, params.position.line + 1, word[1] + 1, params.position.line + 1, word[2] + 1))


@server.feature(T.TEXT_DOCUMENT_DEFINITION)
def _definition(ls: WritServer, params: T.DefinitionParams) -> list[T.Location] | None:
    analysis, word, _ = _word(ls, params.text_document.uri, params.position)
    if word is None:
        return None
    found = [_location(ls, params.text_document.uri, analysis, s) for s in lookup(analysis, word[0], params.position.line + 1)
             if s.span is not None]
    return [loc for loc in found if loc is not None] or None


@server.feature(T.TEXT_DOCUMENT_COMPLETION, T.CompletionOptions(trigger_characters=["(", ","]))
def _completion(ls: WritServer, params: T.CompletionParams) -> T.CompletionList:
    analysis, word, doc = _word(ls, params.text_document.uri, params.position)
    column = doc.position_codec.position_from_client_units(_lines(analysis.text), params.position).character
    prefix = word[0][: column - word[1]] if word else ""  # the part of the name before the cursor
    items = [T.CompletionItem(label=s.name, kind=_KINDS[s.kind], detail=s.detail,
                              documentation=T.MarkupContent(kind=T.MarkupKind.Markdown, value=s.markdown))
             for s in completions(analysis, prefix)]
    return T.CompletionList(is_incomplete=False, items=items)


# ---- positions: Writ's (from 1, code points) and the protocol's (from 0, client units) --------


def _word(ls: WritServer, uri: str, position: T.Position):
    analysis = ls.analysis(uri)
    doc = ls.workspace.get_text_document(uri)
    at = doc.position_codec.position_from_client_units(_lines(analysis.text), position)
    return analysis, word_at(analysis.text, at.line, at.character), doc


def _lines(text: str) -> list[str]:
    return text.split("\n")  # as Writ counts lines (str.splitlines also splits on \f, U+2028, ...)


def _to_client(doc: TextDocument, text: str, line: int, column: int, end_line: int, end_column: int) -> T.Range:
    lines = _lines(text)
    last = max(len(lines) - 1, 0)

    def pos(ln: int, col: int) -> ServerTextPosition:
        ln = min(max(ln - 1, 0), last)
        return ServerTextPosition(ln, min(max(col - 1, 0), len(lines[ln]) if lines else 0))
    return doc.position_codec.range_to_client_units(lines, ServerTextRange(pos(line, column), pos(end_line, end_column)))


def _diagnostic(doc: TextDocument, text: str, d: Diagnostic) -> T.Diagnostic:
    s = d.span
    return T.Diagnostic(range=_to_client(doc, text, s.line, s.column, s.end_line, s.end_column),
                        message=d.message + (f"\nhint: {d.hint}" if d.hint else ""), code=d.code, source="writ",
                        severity=T.DiagnosticSeverity.Error if d.severity is Severity.error else T.DiagnosticSeverity.Warning)


def _location(ls: WritServer, uri: str, analysis: Analysis, symbol: Symbol) -> T.Location | None:
    span = symbol.span
    assert span is not None
    if span.file == analysis.name:
        doc = ls.workspace.get_text_document(uri)
        return T.Location(uri=uri, range=_to_client(doc, analysis.text, span.line, span.column, span.end_line, span.end_column))
    path = source_path(span)
    if path is None:
        return None
    target_uri = from_fs_path(str(path))
    doc = ls.workspace.get_text_document(target_uri)  # an open document, or the file as saved
    text = doc.source  # read from disk when the file is not open
    return T.Location(uri=target_uri, range=_to_client(doc, text, span.line, span.column, span.line, span.column))


def source_path(span: Span) -> Path | None:
    """The file a span of the law names: relative to the working directory, or a bundled statute."""
    p = Path(span.file)
    if p.is_absolute():
        return p if p.is_file() else None
    if (Path.cwd() / p).is_file():
        return (Path.cwd() / p).resolve()
    if p.parts and p.parts[0] == "statutes" and (statutes_dir() / Path(*p.parts[1:])).is_file():
        return (statutes_dir() / Path(*p.parts[1:])).resolve()
    return None


def main() -> None:
    server.start_io()
