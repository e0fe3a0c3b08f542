"""`writ lsp` through the protocol: the server runs as a subprocess over stdio (as an editor
starts it) and a real LSP client (pygls's) opens documents and asks for diagnostics,
hover, definitions and completion."""

import asyncio
import sys
from pathlib import Path

import pytest
from lsprotocol import types as T
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path, to_fs_path

from writ.core.resources import statutes_dir

CASE = '''use glomag

case termination "A termination" as of 2019-03-01
  person official_y "a foreign official".

  termination_reported(official_y.
  terminaton_in_security_interest(official_y).
  sanctioned_under_act(official_y).

  expect may_terminate(official_y) under glomag_act_10102_g.
'''


class Session:
    """One server, one client, driven from synchronous tests through one event loop."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.client = LanguageClient("writ-test", "0")
        self.diagnostics: dict[str, list[T.PublishDiagnosticsParams]] = {}
        self.arrived = asyncio.Event()

        @self.client.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: T.PublishDiagnosticsParams) -> None:
            self.diagnostics.setdefault(params.uri, []).append(params)
            self.arrived.set()

        self.run(self.client.start_io(sys.executable, "-m", "writ.cli", "lsp"))
        self.run(self.client.initialize_async(T.InitializeParams(capabilities=T.ClientCapabilities())))
        self.client.initialized(T.InitializedParams())

    def run(self, coro, timeout: float = 120):
        return self.loop.run_until_complete(asyncio.wait_for(coro, timeout))

    def publish_count(self, uri: str) -> int:
        return len(self.diagnostics.get(uri, []))

    def wait_diagnostics(self, uri: str, count: int) -> list[T.Diagnostic]:
        async def wait():
            while self.publish_count(uri) < count:
                self.arrived.clear()
                await self.arrived.wait()
        self.run(wait())
        return self.diagnostics[uri][-1].diagnostics

    def open(self, uri: str, text: str) -> list[T.Diagnostic]:
        seen = self.publish_count(uri)
        self.client.text_document_did_open(T.DidOpenTextDocumentParams(
            text_document=T.TextDocumentItem(uri=uri, language_id="writ", version=1, text=text)))
        return self.wait_diagnostics(uri, seen + 1)

    def change(self, uri: str, text: str, version: int) -> list[T.Diagnostic]:
        seen = self.publish_count(uri)
        self.client.text_document_did_change(T.DidChangeTextDocumentParams(
            text_document=T.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[T.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.wait_diagnostics(uri, seen + 1)

    def at(self, uri: str, line: int, character: int) -> dict:
        return {"text_document": T.TextDocumentIdentifier(uri=uri), "position": T.Position(line=line, character=character)}

    def close(self) -> None:
        self.run(self.client.shutdown_async(None))
        self.client.exit(None)
        self.run(self.client.stop())
        self.loop.close()


@pytest.fixture(scope="module")
def session():
    s = Session()
    yield s
    s.close()


@pytest.fixture(scope="module")
def case_uri(tmp_path_factory, session) -> str:
    path = tmp_path_factory.mktemp("lsp") / "termination.writ"
    path.write_text(CASE, encoding="utf-8")
    uri = from_fs_path(str(path))
    session.open(uri, CASE)
    return uri


def position(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    at = text.index(needle) + offset
    return text.count("\n", 0, at), at - (text.rfind("\n", 0, at) + 1)


def test_a_syntax_error_and_the_errors_after_it_are_published_at_their_lines(session, case_uri):
    diags = session.diagnostics[case_uri][-1].diagnostics
    found = [(d.code, d.range.start.line, d.range.start.character) for d in diags]
    # the period where ')' was due (0-based line 5), and, after recovery, the misspelt predicate
    assert ("E101", 5, 33) in found
    assert ("E205", 6, 2) in found
    typo = next(d for d in diags if d.code == "E205")
    assert "did you mean 'termination_in_security_interest'?" in typo.message
    assert typo.severity == T.DiagnosticSeverity.Error and typo.source == "writ"
    assert len(found) == 2  # the lines after the error check cleanly: nothing cascades


def test_diagnostics_follow_the_text_as_it_changes(session, case_uri):
    fixed = CASE.replace("official_y.\n  terminaton_", "official_y).\n  termination_")
    assert list(session.change(case_uri, fixed, 2)) == []
    assert [d.code for d in session.change(case_uri, CASE, 3)] == ["E101", "E205"]


def test_hover_on_a_predicate_shows_its_reading(session, case_uri):
    line, ch = position(CASE, "may_terminate", 3)
    hover = session.run(session.client.text_document_hover_async(T.HoverParams(**session.at(case_uri, line, ch))))
    assert "reads: *the President may terminate the Global Magnitsky sanctions on {P}*" in hover.contents.value
    assert (hover.range.start.character, hover.range.end.character) == (ch - 3, ch - 3 + len("may_terminate"))


def test_hover_on_a_provision_shows_its_citation_and_text(session, case_uri):
    line, ch = position(CASE, "glomag_act_10102_g")
    hover = session.run(session.client.text_document_hover_async(T.HoverParams(**session.at(case_uri, line, ch))))
    assert "*22 USC 10102(g)*" in hover.contents.value
    assert "> The President may terminate the application of sanctions" in hover.contents.value


def test_definition_of_a_predicate_is_in_the_statutes(session, case_uri):
    line, ch = position(CASE, "may_terminate")
    (loc,) = session.run(session.client.text_document_definition_async(T.DefinitionParams(**session.at(case_uri, line, ch))))
    path = Path(to_fs_path(loc.uri))
    assert path == (statutes_dir() / "glomag" / "vocabulary.writ").resolve()
    assert path.read_text(encoding="utf-8").split("\n")[loc.range.start.line].startswith("predicate may_terminate(")


def test_definition_of_a_constant_is_its_declaration_in_the_case(session, case_uri):
    line, ch = position(CASE, "sanctioned_under_act(official_y", len("sanctioned_under_act(") + 2)
    (loc,) = session.run(session.client.text_document_definition_async(T.DefinitionParams(**session.at(case_uri, line, ch))))
    assert loc.uri == case_uri
    assert (loc.range.start.line, loc.range.start.character) == position(CASE, "official_y")


def test_completion_offers_the_vocabulary(session, case_uri):
    line, ch = position(CASE, "sanctioned_under_act", len("sanc"))
    result = session.run(session.client.text_document_completion_async(T.CompletionParams(**session.at(case_uri, line, ch))))
    labels = {i.label: i for i in result.items}
    assert "sanctioned_under_act" in labels
    assert labels["sanctioned_under_act"].kind == T.CompletionItemKind.Function
    assert all(label.startswith("sanc") for label in labels)
    line, ch = position(CASE, "  expect", 2)
    everything = session.run(session.client.text_document_completion_async(T.CompletionParams(**session.at(case_uri, line, ch))))
    labels = {i.label: i.kind for i in everything.items}
    assert labels["unless"] == T.CompletionItemKind.Keyword and labels["may_terminate"] == T.CompletionItemKind.Function
    assert labels["glomag_act_10102_g"] == T.CompletionItemKind.Module and labels["official_y"] == T.CompletionItemKind.Constant


def test_an_untitled_document_with_non_ascii_text_gets_ranges_in_utf16(session):
    text = 'use glomag\ncase c "𝒳 ünïcode" as of 2019-03-01\n  person p "𝒳". owns(p p).\n'
    diags = session.open("untitled:Untitled-1", text)
    (d,) = [d for d in diags if d.severity == T.DiagnosticSeverity.Error]
    assert [w.code for w in diags if w.severity == T.DiagnosticSeverity.Warning] == ["W321"]  # the case asks nothing
    # 'p' is the 24th code point of its line; 𝒳 takes two UTF-16 units, so the client sees 24
    assert (d.code, d.range.start.line, d.range.start.character) == ("E101", 2, 24)
