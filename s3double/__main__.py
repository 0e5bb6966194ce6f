"""``python -m s3double serve [--host 127.0.0.1] [--port 9000]``: S3 over HTTP from a
fresh double, until interrupted. Any client points its endpoint at the printed URL."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="s3double", description="An Amazon S3 test double.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve S3 over HTTP from an in-memory double")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=9000, help="port (default 9000; 0 picks a free one)")
    serve.add_argument(
        "--credentials", metavar="AKID:SECRET", action="append", default=None,
        help="check SigV4 signatures against this key pair (repeatable); default: accept any",
    )
    serve.add_argument("--account-id", default=None, help="the account that owns created buckets")
    serve.add_argument("--log", action="store_true", help="log each request to stderr")
    return parser


def _credentials(pairs: list[str] | None) -> dict[str, str] | None:
    if pairs is None:
        return None
    found = {}
    for pair in pairs:
        access_key, sep, secret = pair.partition(":")
        if not sep:
            raise SystemExit(f"--credentials wants AKID:SECRET, got {pair!r}")
        found[access_key] = secret
    return found


def serve(arguments: argparse.Namespace) -> None:
    from ._double import S3Double
    from .wire.server import S3Server

    server = S3Server(
        S3Double(account_id=arguments.account_id), host=arguments.host, port=arguments.port,
        credentials=_credentials(arguments.credentials), log=arguments.log,
    )
    print(f"s3double serving S3 at {server.endpoint_url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.command == "serve":
        serve(arguments)
    return 0


if __name__ == "__main__":
    sys.exit(main())
