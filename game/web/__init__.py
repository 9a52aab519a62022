"""The browser presenter: the game served to every device in the room (``serve``).

It imports nothing from ``game.ui``: every rule comes from the engine and the classroom
record, every sentence from :mod:`game.wording` and the engine's labels.
"""
