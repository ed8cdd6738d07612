"""Nothing leaves the machine unasked, no secret reaches a message, no silent server hangs kg.

Real local servers (HTTP, and raw TCP pretending to speak Bolt) in threads; each
records whether kg contacted it.
"""

from __future__ import annotations

import json
import socketserver
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from tests.data import LADDER_MD
from tests.robustness.kgproc import assert_no_traceback, kg

pytest.importorskip("kg.loaders.extract")


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def _answer(self) -> None:
        type(self).hits.append(self.path)
        body = json.dumps({"@context": {"x": "http://example.org/x"},
                           "head": {"vars": ["x"]}, "results": {"bindings": []}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def http_server() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []
    handler = type("Handler", (_Recorder,), {"hits": hits})
    server = HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()


@pytest.fixture
def built(tmp_path: Path) -> Path:
    (tmp_path / "platform.md").write_text(LADDER_MD, encoding="utf-8")
    store = tmp_path / "kg.sqlite"
    assert kg("build", tmp_path / "platform.md", "--store", store, home=tmp_path).returncode == 0
    return store


@pytest.mark.parametrize("backend", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("query", [
    "SELECT ?x WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?x }} }}",
    "select ?x where {{ service silent <{url}/sparql> {{ ?s ?p ?x }} }}",
    "SELECT ?x FROM <{url}/data.ttl> WHERE {{ ?s ?p ?x }}",
], ids=["service", "service-silent", "from"])
def test_sparql_never_fetches_a_remote_endpoint(built: Path, http_server: tuple[str, list[str]], backend: str,
                                                query: str) -> None:
    url, hits = http_server
    proc = kg("sparql", query.format(url=url), "--engine", backend, "--store", built, home=built.parent,
              timeout=30)
    assert_no_traceback(proc)
    assert proc.returncode == 1
    assert "remote" in proc.stderr
    assert hits == []


def test_sparql_service_to_a_dead_port_is_refused_not_a_traceback(built: Path) -> None:
    proc = kg("sparql", "SELECT ?x WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?x } }", "--store", built,
              home=built.parent, timeout=30)
    assert_no_traceback(proc)
    assert proc.returncode == 1 and "remote" in proc.stderr


@pytest.mark.parametrize("context", ["{url}/context.jsonld", "file:///etc/passwd", ["{url}/a.jsonld"],
                                     {"@import": "{url}/b.jsonld"}], ids=["http", "file", "list", "import"])
def test_validate_never_fetches_a_context(tmp_path: Path, http_server: tuple[str, list[str]], context: object
                                          ) -> None:
    url, hits = http_server
    ctx = json.loads(json.dumps(context).replace("{url}", url))
    doc = {"@context": ctx, "@id": "http://example.org/a", "http://example.org/p": "v"}
    (tmp_path / "remote.jsonld").write_text(json.dumps(doc), encoding="utf-8")
    proc = kg("validate", tmp_path / "remote.jsonld", home=tmp_path, timeout=30)
    assert_no_traceback(proc)
    assert proc.returncode == 1
    assert "@context" in proc.stderr
    assert hits == []


@pytest.mark.parametrize(("name", "content"), [
    ("broken.nt", "<http://example.org/a> <http://example.org/p> \"unterminated .\n"),
    ("deep.jsonld", '{"@id": "http://example.org/a", "http://example.org/p": ' + "[" * 50_000 + "]" * 50_000 + "}"),
])
def test_validate_of_a_broken_rdf_file_gives_one_message(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    proc = kg("validate", tmp_path / name, home=tmp_path, timeout=60)
    assert_no_traceback(proc)
    assert proc.returncode == 1
    assert name in proc.stderr


@pytest.mark.parametrize("uri", [
    "neo4j://admin:s3cret@127.0.0.1:1",
    "bolt://127.0.0.1:1?password=s3cret&x=1",
    "neo4j://admin:s3cret@127.0.0.1:1/?token=s3cret",
])
def test_neo4j_errors_never_show_credentials_from_the_uri(built: Path, uri: str) -> None:
    proc = kg("neo4j", "push", "--store", built, home=built.parent, env={"NEO4J_URI": uri, "NEO4J_PASSWORD": "pw"},
              timeout=60)
    assert_no_traceback(proc)
    assert proc.returncode == 1
    assert "s3cret" not in proc.stderr + proc.stdout
    assert "127.0.0.1:1" in proc.stderr  # the server is still named


class _Http(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.recv(64)
        self.request.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")  # not a Bolt version answer


class _Garbage(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.recv(64)
        self.request.sendall(b"\xde\xad\xbe\xef" * 16)  # a version nobody offered, then noise


class _Silent(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        time.sleep(120)  # accepts, never answers


@pytest.mark.parametrize(("handler", "message"), [(_Http, "does not speak Bolt"), (_Garbage, "does not speak Bolt"),
                                                  (_Silent, "did not answer")], ids=["http", "garbage", "silent"])
def test_a_server_that_is_not_neo4j_fails_fast_with_a_message(built: Path, handler: type, message: str) -> None:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        uri = f"bolt://127.0.0.1:{server.server_address[1]}"
        started = time.monotonic()
        proc = kg("cypher", "MATCH (n) RETURN n LIMIT 1", home=built.parent,
                  env={"NEO4J_URI": uri, "NEO4J_PASSWORD": "pw"}, timeout=90)
        assert time.monotonic() - started < 30
        assert_no_traceback(proc)
        assert proc.returncode == 1
        assert message in proc.stderr, proc.stderr
    finally:
        server.shutdown()
        server.server_close()

