"""Make the game's sounds from numbers: run ``python assets/sounds/make_sounds.py``.

Standard library only and seeded, so the same WAV files come out every time. The
sounds are the project's own work (see assets/README.md for their licence).
"""

from __future__ import annotations

import math
import random
import struct
import wave
from pathlib import Path

RATE = 22050
HERE = Path(__file__).resolve().parent


def _write(name: str, samples: list[float]) -> None:
    peak = max(1e-9, max(abs(s) for s in samples))
    gain = 0.6 / peak
    frames = b"".join(struct.pack("<h", int(max(-1.0, min(1.0, s * gain)) * 32767))
                      for s in samples)
    with wave.open(str(HERE / name), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


def _envelope(i: int, n: int, attack: float = 0.004, release: float = 0.5) -> float:
    t = i / RATE
    a = min(1.0, t / attack) if attack else 1.0
    return a * math.exp(-t / max(release * n / RATE, 1e-4) * 3)


def click() -> list[float]:
    """A soft wooden tick for pressing a button."""
    n = int(RATE * 0.05)
    return [math.sin(2 * math.pi * 1400 * i / RATE) * _envelope(i, n, 0.001, 0.25)
            + 0.5 * math.sin(2 * math.pi * 700 * i / RATE) * _envelope(i, n, 0.001, 0.35)
            for i in range(n)]


def page() -> list[float]:
    """A paper swish for a new scene: noise, smoothed, rising then falling."""
    rng = random.Random(2018)
    n = int(RATE * 0.22)
    out, low = [], 0.0
    for i in range(n):
        low += 0.18 * (rng.uniform(-1, 1) - low)
        shape = math.sin(math.pi * i / n) ** 2
        out.append(low * shape)
    return out


def chime() -> list[float]:
    """Two soft notes for a message (saved, reloaded, a problem set aside)."""
    n = int(RATE * 0.45)
    out = []
    for i in range(n):
        t = i / RATE
        first = math.sin(2 * math.pi * 659.25 * t) * math.exp(-t * 7)
        second = math.sin(2 * math.pi * 880.0 * t) * math.exp(-max(0.0, t - 0.12) * 7)
        out.append(first * min(1.0, t / 0.005) + (second if t > 0.12 else 0.0))
    return out


def ending() -> list[float]:
    """A short rising arpeggio for reaching an ending."""
    notes = (392.0, 493.88, 587.33, 783.99)
    step = 0.14
    n = int(RATE * (step * len(notes) + 0.6))
    out = []
    for i in range(n):
        t = i / RATE
        value = 0.0
        for k, f in enumerate(notes):
            start = k * step
            if t >= start:
                u = t - start
                value += math.sin(2 * math.pi * f * u) * math.exp(-u * 4) * min(1.0, u / 0.006)
        out.append(value)
    return out


if __name__ == "__main__":
    for name, make in (("click.wav", click), ("page.wav", page), ("chime.wav", chime),
                       ("ending.wav", ending)):
        _write(name, make())
        print("wrote", HERE / name)
