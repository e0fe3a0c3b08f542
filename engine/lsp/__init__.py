"""The language server (`writ lsp`): diagnostics as you type, hover, go to definition and
completion for .writ files in any editor that speaks the Language Server Protocol.

analysis.py checks a document against the bundled law; symbols.py finds the names;
server.py speaks the protocol (pygls).
"""
