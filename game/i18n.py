"""Every interface string passes through :func:`tr`, so that a translation can replace it.

Content text (scenes, choices, cards) has stable ids of its own (``<scene>#<n>``,
``<scene>/<choice>``); interface strings are keyed here by a dotted name. A catalog is
a flat mapping from key to text; none is loaded yet, so the English default is used.
"""

from __future__ import annotations

_catalog: dict[str, str] = {}


def use_catalog(catalog: dict[str, str]) -> None:
    """Switch to a translation: keys missing from it fall back to English."""
    _catalog.clear()
    _catalog.update(catalog)


def tr(key: str, default: str, **values: object) -> str:
    """The text for ``key`` in the current language, with ``{name}`` values filled in."""
    text = _catalog.get(key, default)
    return text.format(**values) if values else text
