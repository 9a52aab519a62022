"""The desktop window: a presenter over the headless engine (pygame-ce).

Start-up is kept lean: importing this package imports nothing heavy. ``app`` opens
the window; ``screens`` holds one small module per screen; ``session`` is the play
session (story, text read, undo) with no pygame in it.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # keep the console (and JSON) clean
