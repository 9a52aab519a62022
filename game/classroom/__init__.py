"""Classroom mode and the class report: presenters on top of the engine, no pygame.

- :mod:`game.classroom.quiz`: the before-and-after quiz, scored by signal detection.
- :mod:`game.classroom.session`: one player's session, written to its own results file.
- :mod:`game.classroom.results`: reading a results folder, skipping what cannot be used.
- :mod:`game.classroom.report`: the class report (HTML with inline SVG charts, and a CSV).
"""
