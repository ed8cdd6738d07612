"""Tell page chrome from content in HTML: navigation tags, menu-like ids and classes, ARIA landmarks.

Used by :mod:`kg.loaders.html_tree`, which keeps such parts but flags them ``nav``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

__all__ = ["NAV_TAGS", "NEVER_NAV", "names_nav", "role_nav"]

#: tags that are navigation wherever they are
NAV_TAGS = frozenset({"nav", "aside", "footer"})
#: tags never flagged by their id or class (a page's whole body is not its menu)
NEVER_NAV = frozenset({"html", "body", "main", "article"})
_NAV_NAME = re.compile(r"^(?:nav|navbar|navigation|menu|toc|sidebar|breadcrumbs?|footer|site-header|site-nav|"
                       r"main-menu|side-nav|sidenav|leftnav|topnav|cookies?|cookie-consent|consent|gdpr|banner|"
                       r"newsletter|social|share|sharing|subscribe|skip-link)(?:[-_](?:content|container|wrapper|"
                       r"list|items|links|menu|inner|banner|bar|notice|popup|modal|links))?$", re.I)


def names_nav(attrs: Mapping[str, str]) -> bool:
    """Whether an element's id, class or role names navigation (a menu, table of contents, sidebar...)."""
    for key in ("id", "class", "role"):
        value = attrs.get(key)
        if value and _nav_value(value):
            return True
    return False


@lru_cache(maxsize=1 << 12)
def _nav_value(value: str) -> bool:
    """Whether an id, class or role value names navigation (pages repeat the same few values)."""
    return any(_NAV_NAME.match(v) for v in value.split())


_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog"})


def role_nav(attrs: Mapping[str, str]) -> bool:
    """ARIA landmarks of page chrome: navigation, banner, contentinfo, complementary; dialogs (cookie pop-ups)."""
    return attrs.get("role") in _CHROME_ROLES or attrs.get("aria-modal") == "true"
