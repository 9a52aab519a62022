"""Save and load slots, each with its time and where the player was."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.i18n import tr
from game.saves import AUTOSAVE, SLOTS, SaveInfo, format_time, list_saves, slot_label
from game.ui.screens import register
from game.ui.screens.dialog import DialogScreen
from game.ui.widgets import Block, Button, Stack, Text


@register("slots")
class SlotsScreen(DialogScreen):
    width_em = 30.0

    def __init__(self, app: object, **params: object) -> None:
        super().__init__(app, **params)  # type: ignore[arg-type]
        self.saving = params.get("mode") == "save"
        self.found, problems = list_saves(self.app.saves_folder)  # this story's own
        for problem in problems:
            self.app.toast(str(problem), warning=True)
        if problems:
            self.app.refresh_autosave()

    def blocks(self) -> list[Block]:
        title = (tr("slots.save_title", "Save your game") if self.saving
                 else tr("slots.load_title", "Load a saved game"))
        buttons: list[Block] = []
        # Slot n has key n in both dialogs; the autosave (Load only) has A
        slots = [(str(n), pygame.K_1 + n - 1, slot) for n, slot in enumerate(SLOTS, start=1)]
        if not self.saving:
            slots.insert(0, ("A", pygame.K_a, AUTOSAVE))
        for key, hotkey, slot in slots:
            info = self.found.get(slot)
            label = slot_label(slot)
            if info is not None:
                label += f": {info.scene_title}"
            buttons.append(Button(label, self._action(slot, info), key=key,
                                  detail=_describe(info),
                                  enabled=self.saving or info is not None,
                                  hotkeys=[hotkey]))
        buttons.append(Button(tr("slots.back", "Back"), self.app.close, key="Esc"))
        return [Text(title, "title"), Stack(buttons, gap=0.8)]

    def _action(self, slot: str, info: SaveInfo | None) -> Callable[[], None]:
        app = self.app

        def save() -> None:
            if info is None:
                if app.save_to(slot):
                    app.close()
                return
            app.open("confirm", message=tr("confirm.overwrite",
                                           "Save over {slot} ({scene}, {day})?",
                                           slot=slot_label(slot), scene=info.scene_title,
                                           day=info.day),
                     yes=tr("confirm.overwrite_yes", "Save over it"), on_yes=save_over)

        def save_over() -> None:
            if app.save_to(slot):
                app.close()

        def load() -> None:
            if app.session is not None and not app.session.story.is_over:
                app.open("confirm", message=tr(
                    "confirm.load", "Load {slot}? The game in progress will be replaced "
                    "(save it to a slot first to keep it).",
                    slot=slot_label(slot)),
                    yes=tr("confirm.load_yes", "Load it"), on_yes=lambda: app.resume(slot))
            else:
                app.resume(slot)
        return save if self.saving else load


def _describe(info: SaveInfo | None) -> str:
    if info is None:
        return tr("slots.empty", "Empty")
    where = info.day or info.scenario_title
    state = (tr("slots.ended", "finished") if info.ended
             else tr("slots.time_left", "{n} h left", n=info.time_left))
    return tr("slots.detail", "{where} · {state} · saved {when}", where=where, state=state,
              when=format_time(info.saved_at))
