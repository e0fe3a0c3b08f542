"""`writ serve`: the REST service and the web playground, on uvicorn."""

from __future__ import annotations

import typer


def serve(host: str = typer.Option("127.0.0.1", "--host", help="the address to listen on (0.0.0.0: every interface)"),
          port: int = typer.Option(8000, "--port", help="the port (0: any free one; the address is printed)"),
          solve_seconds: float = typer.Option(10.0, "--solve-seconds", help="the longest one case may solve (Limits.solve_seconds)"),
          max_request_bytes: int = typer.Option(1_000_000, "--max-request-bytes", help="the largest request body taken"),
          max_parties: int = typer.Option(10_000, "--max-parties", help="the most parties one /screen request may hold")) -> None:
    """Serve the REST API (/docs lists it) and the playground (/), the law loaded once."""
    import uvicorn

    from ..server.app import create_app
    from ..server.service import Config

    config = Config(max_request_bytes=max_request_bytes, max_parties=max_parties, solve_seconds=solve_seconds)
    app = create_app(config=config)  # the law is loaded here, before the port opens
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
