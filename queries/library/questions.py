"""The library of questions: one header grammar, one set of names, one way to bind parameters.

Every question has a Python reference (:mod:`kg.queries.library.reference`) and one file
per engine: ``queries/cypher/NAME.cypher`` (Neo4j's dialect), ``NAME.ladybug.cypher`` only
where the embedded engine's dialect forces a variant, and ``queries/sparql/NAME.rq``. Each file
opens with the same header, written as ``//`` comments in Cypher and ``#`` comments in SPARQL::

    // question: skill-gap
    // summary: Which skills does the role you want require that the role you have does not list?
    // aliases: gap
    // param from (or source): Role - the role you have, e.g. ml-engineer
    // param limit: int = 20 - how many rows to return, e.g. 5
    // returns: id, name, required, weight
    // python: kg.queries.library.reference:skill_gap

Parameter types are node kinds (``Role``, ``Skill``, ``Certification``: given by id, name or
alias and resolved to the node's id with :func:`kg.queries.resolve.resolve`) or ``string``,
``int``, ``float``, ``bool``. ``aliases`` are older names of the question and ``(or …)`` older
names of a parameter: both keep working. ``returns`` names the columns every engine answers
with (the contract suite compares them); an engine may add more.

>>> q = find_question("gap")
>>> q.name, [p.name for p in q.params], q.renamed("gap")
('skill-gap', ['from', 'to'], 'skill-gap')
>>> bind(q, {"source": "engineer", "to": "manager"})
{'from': 'engineer', 'to': 'manager'}
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from kg.errors import QueryError, QueryParameterError, UnknownQueryError
from kg.graph.types import NAMED_TYPES
from kg.plugins import bundled_texts

if TYPE_CHECKING:
    from kg.graph.protocols import GraphReader

__all__ = ["Param", "Question", "NODE_KINDS", "VALUE_KINDS", "ENGINE_FILES", "questions", "find_question",
           "bind", "parse_header", "coerce"]

#: parameter kinds whose values name nodes (resolved to ids); the others are plain values
NODE_KINDS: tuple[str, ...] = tuple(NAMED_TYPES)
VALUE_KINDS: dict[str, type] = {"string": str, "int": int, "float": float, "bool": bool}
#: engine text key -> (folder, suffix) of its files
ENGINE_FILES = {"neo4j": ("cypher", ".cypher"), "ladybug": ("cypher", ".ladybug.cypher"),
                "sparql": ("sparql", ".rq")}

_LINE = re.compile(r"^(?://|#)\s?(question|summary|aliases|returns|python|param)(?::|(?=\s))\s*(.*)$")
_PARAM = re.compile(r"^(\w+)(?:\s+\(or ([\w, ]+)\))?:\s*(\w+)(?:\s*=\s*(\S+))?\s+-\s+(.*?)(?:,\s+e\.g\.\s+(.+))?$")


@dataclass(frozen=True)
class Param:
    """A question's parameter: name, kind, description, example, default and older names."""

    name: str
    kind: str
    description: str
    example: str = ""
    default: Any = None
    required: bool = True
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    """A named question: what it asks, its parameters, the columns it returns and its text per engine."""

    name: str
    summary: str
    params: tuple[Param, ...]
    returns: tuple[str, ...]
    python: str
    aliases: tuple[str, ...] = ()
    texts: dict[str, str] = field(default_factory=dict, compare=False)

    def text_for(self, engine: str) -> str | None:
        """Return the text for ``neo4j`` (Cypher), ``ladybug`` (falls back to ``neo4j``) or ``sparql``, or None."""
        if engine == "ladybug":
            return self.texts.get("ladybug", self.texts.get("neo4j"))
        return self.texts.get(engine)

    def renamed(self, asked: str) -> str | None:
        """Return the current name when ``asked`` is an older alias of this question, else None."""
        return self.name if asked != self.name and asked in self.aliases else None

    def example(self) -> dict[str, str]:
        """Return example parameters (``--param`` values) for this question."""
        return {p.name: p.example for p in self.params if p.required and p.example}


@cache
def questions() -> dict[str, Question]:
    """Return every question by name, read once from the bundled files (headers must agree across files)."""
    found: dict[str, Question] = {}
    for engine, (folder, suffix) in ENGINE_FILES.items():
        for stem, text in bundled_texts("kg.queries", folder, suffix).items():
            if engine == "neo4j" and stem.endswith(".ladybug"):
                continue
            q = parse_header(text, f"{stem}{suffix}")
            if q.name != stem:
                raise QueryError(f"{folder}/{stem}{suffix} declares question {q.name!r}; name the file "
                                        f"{q.name}{suffix}")
            known = found.setdefault(q.name, q)
            if known != q:
                raise QueryError(f"{folder}/{stem}{suffix}: its header differs from the other files of "
                                        f"{q.name!r}; make them the same")
            known.texts[engine] = text
    return dict(sorted(found.items()))


def parse_header(text: str, where: str = "query") -> Question:
    """Read the header grammar of one query file (``//`` or ``#`` comments at its top)."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        m = _LINE.match(line.strip())
        if m is None:
            continue
        if m[1] == "param":
            params.append(_param(m[2], where))
        else:
            fields[m[1]] = m[2].strip()
    missing = [k for k in ("question", "summary", "returns", "python") if k not in fields]
    if missing:
        raise QueryError(f"{where}: the header lacks {', '.join(missing)}; see kg.queries.library.questions")
    return Question(fields["question"], fields["summary"], tuple(params), _names(fields["returns"]),
                    fields["python"], _names(fields.get("aliases", "")))


def _param(body: str, where: str) -> Param:
    m = _PARAM.match(body.strip())
    if m is None:
        raise QueryError(f"{where}: cannot read `param {body}`; write `param NAME: KIND[ = DEFAULT] - WHAT, "
                                "e.g. EXAMPLE`")
    name, aliases, kind, default, description, example = m.groups()
    if kind not in NODE_KINDS and kind not in VALUE_KINDS:
        raise QueryError(f"{where}: parameter {name} has unknown kind {kind!r}; choose one of "
                                f"{', '.join((*NODE_KINDS, *VALUE_KINDS))}")
    value = None if default is None else coerce(Param(name, kind, description), json.loads(default), where)
    return Param(name, kind, description, example or "", value, default is None, _names(aliases or ""))


def _names(text: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in text.split(",") if n.strip())


def find_question(name: str) -> Question:
    """Return the question called ``name`` (or one of its older aliases).

    Raises:
        UnknownQueryError: no such question; says which names are close and how to list them.
    """
    found = questions().get(name)
    if found is not None:
        return found
    for q in questions().values():
        if name in q.aliases:
            return q
    every = [*questions(), *(a for q in questions().values() for a in q.aliases)]
    close = difflib.get_close_matches(name, every, n=3, cutoff=0.5)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise UnknownQueryError(f"no library question {name!r}.{hint} `--list` shows them all: {', '.join(questions())}")


def bind(question: Question, given: Mapping[str, Any], store: GraphReader | None = None) -> dict[str, Any]:
    """Return the parameters for ``question``: older names renamed, types checked, defaults filled.

    With a ``store``, node parameters given by name or alias become node ids (an unknown name
    raises :class:`~kg.errors.UnknownNameError` with "did you mean").

    Raises:
        QueryParameterError: a parameter the question does not take, is missing or of the wrong type.
    """
    by_name = {alias: p for p in question.params for alias in (p.name, *p.aliases)}
    values: dict[str, Any] = {}
    for key, value in given.items():
        p = by_name.get(key)
        if p is None:
            close = difflib.get_close_matches(key, list(by_name), n=2, cutoff=0.5)
            hint = f" Did you mean {' or '.join(close)}?" if close else ""
            raise QueryParameterError(f"{question.name} takes no parameter {key!r}.{hint} It takes: "
                                      f"{_signature(question)}")
        values[p.name] = coerce(p, value, question.name)
    for p in question.params:
        if p.name not in values:
            if p.required:
                example = f"{p.name}={p.example}" if p.example else f"{p.name}=…"
                raise QueryParameterError(f"{question.name} needs --param {example} ({p.description})")
            values[p.name] = p.default
        elif store is not None and p.kind in NODE_KINDS:
            from kg.queries.resolve import resolve

            values[p.name] = resolve(store, str(values[p.name]), p.kind).id
    return {p.name: values[p.name] for p in question.params}


def coerce(p: Param, value: Any, where: str) -> Any:
    """Return ``value`` as the parameter's kind (node kinds and strings are text)."""
    want = VALUE_KINDS.get(p.kind, str)
    if isinstance(value, want) and not (want is int and isinstance(value, bool)):
        return value
    if want is bool:
        text = str(value).lower()
        if text in ("1", "true", "yes", "0", "false", "no"):
            return text in ("1", "true", "yes")
    elif want is str:
        if isinstance(value, int | float | str):
            return str(value)
    else:
        try:
            return want(value)
        except (TypeError, ValueError):
            pass
    raise QueryParameterError(f"{where}: parameter {p.name} must be {_kind_text(p.kind)}, not {value!r}")


def _kind_text(kind: str) -> str:
    return {"int": "an integer", "float": "a number", "bool": "true or false", "string": "text"}.get(
        kind, f"a {kind.lower()} id or name")


def _signature(question: Question) -> str:
    return ", ".join(f"{p.name}=<{p.kind}>" + ("" if p.required else f" (default {p.default})")
                     for p in question.params) or "no parameters"
