"""Export the store as GraphML, streamed: memory stays flat however big the store is.

A first cheap pass over the nodes collects the attribute keys and their types (GraphML declares
keys before the graph); a second pass writes nodes, documents and edges one element at a time.
The file loads with ``networkx.read_graphml`` into the same attributes as
the store's own nodes, documents and edges (lists and dicts as sorted JSON strings, ``None`` left out), and
the same store always gives the same bytes. Neither networkx nor lxml is imported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from kg.errors import ExportError
from kg.graph.export.sources import public_source
from kg.graph.types import DOCUMENT

if TYPE_CHECKING:
    from kg.graph.model import Node
    from kg.graph.protocols import GraphReader

__all__ = ["export_graphml", "node_attributes"]

_HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
#: Python type -> GraphML attr.type (the names networkx writes and reads back to the same type)
_XML_TYPES: dict[type, str] = {str: "string", bool: "boolean", int: "long", float: "double"}
#: edge attributes: every edge carries all four, with these types
_EDGE_KEYS: tuple[tuple[str, type], ...] = (("type", str), ("weight", float), ("required", bool),
                                            ("doc_count", int))
#: characters escaped in element text besides & < > (a raw CR would be read back as LF)
_TEXT_ENTITIES = {"\r": "&#13;"}

Key = tuple[str, str, type]  # (scope, attribute name, Python type)


def export_graphml(store: GraphReader, out: Path) -> None:
    """Write nodes (with their properties), documents and relationships to ``out`` as GraphML."""
    keys = _declare_keys(store)
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(_HEADER)
        for (scope, name, type_), key_id in keys.items():
            fh.write(f'  <key id="{key_id}" for="{scope}" attr.name={quoteattr(name)} '
                     f'attr.type="{_XML_TYPES[type_]}" />\n')
        fh.write('  <graph edgedefault="directed">\n')
        for node in store.nodes():
            _write_element(fh, "node", {"id": node.id}, node_attributes(node), keys)
        for doc in store.documents():
            doc_data = {"type": DOCUMENT, "name": doc.name, "title": doc.title,
                        "source": public_source(doc.source)}
            _write_element(fh, "node", {"id": doc.id}, doc_data, keys)
        for node_id in store.dangling_ends():
            fh.write(f"    <node id={quoteattr(node_id)} />\n")
        for edge in store.edges():
            data: dict[str, Any] = {"type": edge.type, "weight": float(edge.weight), "required": bool(edge.required),
                                    "doc_count": int(edge.doc_count)}
            _write_element(fh, "edge", {"source": edge.src, "target": edge.dst, "id": edge.type}, data, keys)
        fh.write("  </graph>\n</graphml>\n")


def node_attributes(node: Node) -> dict[str, Any]:
    """Return a node's GraphML attributes: type, name, aliases and the other properties, all scalars.

    >>> from kg.graph.model import Node
    >>> node_attributes(Node("cto", "Role", "CTO", ("chief technology officer",), {"seniority": 6, "x": None}))
    {'type': 'Role', 'name': 'CTO', 'aliases': '["chief technology officer"]', 'seniority': 6}
    """
    data: dict[str, Any] = {"type": node.type, "name": node.name, "aliases": list(node.aliases)}
    data.update((k, v) for k, v in node.props.items() if k not in ("type", "name", "aliases"))
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, list | dict):
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        elif type(value) not in _XML_TYPES:
            raise ExportError(f"node {node.id!r} property {key!r} holds a {type(value).__name__}, "
                              "which GraphML cannot store; keep properties to text, numbers, lists and maps")
        out[key] = value
    return out


def _declare_keys(store: GraphReader) -> dict[Key, str]:
    """Number every (scope, name, type) that occurs, nodes first in store order, then documents and edges."""
    keys: dict[Key, str] = {}
    for node in store.nodes():
        for name, value in node_attributes(node).items():
            keys.setdefault(("node", name, type(value)), f"d{len(keys)}")
    if store.has_documents():
        for name in ("type", "name", "title", "source"):
            keys.setdefault(("node", name, str), f"d{len(keys)}")
    for name, type_ in _EDGE_KEYS:
        keys.setdefault(("edge", name, type_), f"d{len(keys)}")
    return keys


def _write_element(fh: IO[str], tag: str, attrs: dict[str, str], data: dict[str, Any], keys: dict[Key, str]) -> None:
    """Write one ``<node>`` or ``<edge>`` with a ``<data>`` child per attribute."""
    head = " ".join(f"{name}={quoteattr(value)}" for name, value in attrs.items())
    if not data:
        fh.write(f"    <{tag} {head} />\n")
        return
    parts = [f"    <{tag} {head}>\n"]
    for name, value in data.items():
        key_id = keys[(tag, name, type(value))]
        parts.append(f'      <data key="{key_id}">{_text(value)}</data>\n')
    parts.append(f"    </{tag}>\n")
    fh.write("".join(parts))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return escape(value, _TEXT_ENTITIES)
    return repr(value) if isinstance(value, float) else str(value)

