"""Read career moves from Mermaid flowcharts: node ids resolved to their labels, edge kinds told apart.

A flowchart's edges are solid (``-->``, ``---``), thick (``==>``) or dotted (``-.->``, ``-..->``).
When the diagram labels an edge kind ("-->|Reports To|", "-.->|Career Pathway|", often in a
legend), only the kinds whose labels name a career move count; a kind labelled as a reporting
line never does. Without such labels every edge counts as a move from its tail to its head.
Edges to subgraphs and to nodes without a label are skipped.
"""

from __future__ import annotations

import re

from kg.loaders.tree import Node

__all__ = ["mermaid_edges"]

# Ids, labels and edge texts are bounded (64, 300, 200 and 100 characters), so a long line that never closes a
# bracket or an arrow costs its length, not its length squared.
_NODE = re.compile(r"\b([A-Za-z_][\w-]{0,63})\s*(?:\[\[|\[\(|\(\[|\(\(|\[|\(|\{\{|\{|>)"
                   r"\s*\"?([^\]\)\}\"]{1,300}?)\"?\s*"
                   r"(?:\]\]|\)\]|\]\)|\)\)|\]|\)|\}\}|\})")
_EDGE = re.compile(r"([A-Za-z_][\w-]{0,63})(?:\s*[\[\(\{][^\]\)\}]{0,300}[\]\)\}])?\s*"
                   r"(?P<link>-\.+->|-\.+-|-{2,}>|-{3,}|={2,}>|={3,}|--\s*[^-|>]{1,100}?\s*-->|"
                   r"-\.\s*[^.|>]{1,100}?\s*\.->)"
                   r"\s*(?:\|(?P<label>[^|]{0,200})\|)?\s*([A-Za-z_][\w-]*)")
_MOVE_LABEL = re.compile(r"career|path|progress|promot|next|move|grow|advance|transition", re.I)
_REPORT_LABEL = re.compile(r"report|line manag|manages|managed by|belongs", re.I)

Edge = tuple[str, tuple[int, int], str, tuple[int, int], tuple[int, int]]


def mermaid_edges(text: str, nodes: tuple[Node, ...]) -> list[Edge]:
    """Return ``(from label, from span, to label, to span, evidence span)`` for each move edge."""
    out: list[Edge] = []
    for lines in _diagrams(nodes):
        labels: dict[str, tuple[str, tuple[int, int]]] = {}
        edges: list[tuple[str, str, str, str, Node]] = []
        for node in lines:
            for m in _NODE.finditer(node.text):
                name, label = m.group(1), m.group(2).strip()
                if name not in labels and label:
                    s = node.start + m.start(2)
                    labels[name] = (label, (s, s + len(label)))
            for m in _EDGE.finditer(node.text):
                edges.append((m.group(1), m.group(4), _kind(m.group("link")), (m.group("label") or "").strip(), node))
        moving = _moving_kinds(edges)
        for a, b, kind, _, node in edges:
            if kind in moving and a in labels and b in labels:
                out.append((labels[a][0], labels[a][1], labels[b][0], labels[b][1], (node.start, node.end)))
    return out


def _diagrams(nodes: tuple[Node, ...]) -> list[list[Node]]:
    groups: dict[int, list[Node]] = {}
    for node in nodes:
        if node.kind == "code" and (node.lang == "mermaid" or node.group in groups):
            groups.setdefault(node.group, []).append(node)
        elif node.kind == "code" and node.text.strip().startswith(("flowchart ", "graph ")):
            groups.setdefault(node.group, []).append(node)
    return list(groups.values())


def _kind(link: str) -> str:
    if "." in link:
        return "dotted"
    if link.startswith("="):
        return "thick"
    return "solid"


def _moving_kinds(edges: list[tuple[str, str, str, str, Node]]) -> set[str]:
    """Edge kinds that are career moves: those labelled as one, else every kind not labelled otherwise."""
    said: dict[str, str] = {}
    for _, _, kind, label, _ in edges:
        if label and _MOVE_LABEL.search(label):
            said.setdefault(kind, "move")
        elif label and _REPORT_LABEL.search(label):
            said.setdefault(kind, "report")
    if "move" in said.values():
        return {k for k, v in said.items() if v == "move"}
    return {"solid", "dotted", "thick"} - {k for k, v in said.items() if v == "report"}
