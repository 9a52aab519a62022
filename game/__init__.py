"""Deconfliction Line: a news-desk game about weighing sources."""

__version__ = "0.1.0"
