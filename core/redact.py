"""Keep secrets out of messages: user names, passwords and query strings of URIs, and the Neo4j password."""

from __future__ import annotations

import os
import re

__all__ = ["redact", "redact_uri"]

_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@'\"]*@")
_QUERY = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^\s'\"?#]*)[?#][^\s'\"]*")


def redact_uri(uri: str) -> str:
    """Return ``uri`` without its user info, query string and fragment.

    >>> redact_uri("neo4j://admin:s3cret@db.example:7687/?password=s3cret")
    'neo4j://db.example:7687/'
    """
    return _QUERY.sub(r"\1", _USERINFO.sub(r"\1", uri))


def redact(text: str) -> str:
    """Return ``text`` with every URI's credentials and query strings, and ``$NEO4J_PASSWORD``, removed.

    >>> redact("cannot reach bolt://u:pw@host:1?token=x (refused)")
    'cannot reach bolt://host:1 (refused)'
    """
    text = _QUERY.sub(r"\1", _USERINFO.sub(r"\1", text))
    password = os.environ.get("NEO4J_PASSWORD")
    if password and len(password) >= 3:
        text = text.replace(password, "***")
    return text
