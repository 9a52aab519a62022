"""Sound effects, loaded lazily: the mixer starts only when the first sound plays.

Any audio problem (no device, a missing file) makes the game silent, never stops it.
"""

from __future__ import annotations

from pathlib import Path

import pygame

NAMES = ("click", "page", "chime", "ending")


class Sounds:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.enabled = True
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._broken = False

    def play(self, name: str) -> None:
        if not self.enabled or self._broken:
            return
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=22050, size=-16, channels=1, buffer=512)
            sound = self._sounds.get(name)
            if sound is None:
                sound = pygame.mixer.Sound(self.folder / f"{name}.wav")
                sound.set_volume(0.5)
                self._sounds[name] = sound
            sound.play()
        except (pygame.error, OSError, FileNotFoundError):
            self._broken = True  # no audio device: carry on in silence
