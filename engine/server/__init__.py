"""The REST service and the web playground behind `writ serve` (FastAPI on uvicorn).

`app.py` wires the endpoints, `service.py` does their work on the law loaded once,
`models.py` holds the requests and responses (the OpenAPI document comes from them),
`errors.py` turns every failure into Writ's diagnostics with an HTTP status, and
`highlighting.py` gives the playground (`static/`) its highlighting from the TextMate grammar.
"""
