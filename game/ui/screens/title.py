"""The title screen: the game's name, the story's premise, and the way in."""

from __future__ import annotations

import pygame

from game.i18n import tr
from game.ui import icons
from game.ui.screens import Screen, register
from game.ui.widgets import Block, Button, Kit, ScrollView, Spacer, Stack, Text


@register("title")
class TitleScreen(Screen):
    def build(self) -> None:
        app = self.app
        kit = app.kit
        area = app.area(4)
        scenario = app.scenario
        # the story's title is the heading; before it has loaded, the program's name
        name = scenario.title if scenario is not None else tr("app.name", "Deconfliction Line")
        blocks: list[Block] = [Text(name, "display", "text")]
        state = (scenario is not None, app.loading, app.autosave_info is not None)
        if state != getattr(self, "_state", state):
            self.start_fresh()  # the buttons changed (the story loaded): focus the first again
        self._state = state
        if scenario is not None:
            blocks.append(Text(scenario.premise, "body", "muted"))
        elif app.loading:
            blocks.append(Text(tr("title.loading", "Preparing the desk…"), "body", "muted"))
        else:
            blocks.append(Text(tr("title.broken", "The story could not be loaded."), "heading",
                               "warning"))
        blocks.append(Spacer(1))

        info = app.autosave_info
        ready = scenario is not None
        continue_detail = ""
        if info is not None:
            from game.saves import format_time

            continue_detail = tr("title.continue_detail", "{scene} · {day} · saved {when}",
                                 scene=info.scene_title, day=info.day or "",
                                 when=format_time(info.saved_at))
        elif ready:
            continue_detail = tr("title.nothing_saved", "No game saved yet")
        buttons: list[Block] = []
        if info is not None and ready:
            buttons.append(Button(tr("title.continue", "Continue"), self._continue, key="C",
                                  detail=continue_detail, style="primary", hotkeys=[pygame.K_c]))
        buttons.append(Button(tr("title.new", "New game"), self._new, key="N",
                              detail="" if ready or not app.loading else
                              tr("title.wait", "Loading the story…"),
                              enabled=ready, style="normal" if info else "primary",
                              hotkeys=[pygame.K_n]))
        if info is None and ready:
            buttons.append(Button(tr("title.continue", "Continue"), None, key="C",
                                  detail=continue_detail, enabled=False))
        buttons.append(Button(tr("title.load", "Load a saved game"), self._load, key="L",
                              enabled=ready, hotkeys=[pygame.K_l]))
        if not ready and not app.loading:
            buttons.append(Button(tr("title.problems", "Show what is wrong"), self._problems,
                                  key="P", style="primary", hotkeys=[pygame.K_p]))
        buttons.append(Button(tr("title.settings", "Settings"), self._settings, key="S",
                              hotkeys=[pygame.K_s]))
        buttons.append(Button(tr("title.quit", "Quit"), app.quit, key="Q", hotkeys=[pygame.K_q]))
        blocks.append(Stack(buttons, gap=0.9))
        if app.class_code:
            blocks.append(Text(tr("title.classroom", "Classroom session {code}: undo is off.",
                                  code=app.class_code), "small", "muted"))
        if app.dev:
            blocks.append(Text(tr("title.dev", "Developer mode: F5 reloads the story from {path}.",
                                  path=str(app.scenes_path)), "small", "muted"))

        wide = area.width > kit.m.body_px * 50
        column = min(area.width, max(kit.m.body_px * 26, area.width // 2 if wide else area.width))
        menu_area = pygame.Rect(area.x, area.y, column if wide else area.width, area.height)
        view = ScrollView(menu_area, blocks, gap=1.2)
        view.fit(kit, menu_area, menu_area.width)
        self.views = [view]
        self.picture = pygame.Rect(0, 0, 0, 0)
        if wide:
            room = pygame.Rect(menu_area.right + kit.m.sp(4), area.y, area.right - menu_area.right
                               - kit.m.sp(4), area.height)
            side = min(room.width, room.height)
            self.picture = pygame.Rect(0, 0, side, round(side * 0.8))
            self.picture.center = room.center

    def default_focus(self) -> Block | None:
        for block in self.focus_order():
            if isinstance(block, Button) and block.enabled:
                return block
        return None

    def on_escape(self) -> None:
        pass  # the title is the bottom of everything; Quit is a button

    def draw(self, kit: Kit) -> None:
        self.ensure_built()
        if self.picture.width > 40:
            key = (self.picture.size, kit.pal.border, kit.pal.surface)
            if getattr(self, "_picture_key", None) != key:
                self._picture_key = key
                self._picture_image = icons.desk_motif(self.picture.size, kit.pal.border,
                                                       kit.pal.surface)
            kit.surface.blit(self._picture_image, self.picture)  # type: ignore[union-attr]
        super().draw(kit)

    # --- actions --------------------------------------------------------------------------

    def _continue(self) -> None:
        self.app.resume("autosave")

    def _new(self) -> None:
        if self.app.autosave_info is not None and not self.app.autosave_info.ended:
            self.app.open("confirm",
                          message=tr("confirm.new_game",
                                     "Start a new game? The saved game you could continue "
                                     "({scene}, {day}) will be replaced.",
                                     scene=self.app.autosave_info.scene_title,
                                     day=self.app.autosave_info.day),
                          yes=tr("confirm.new_game_yes", "Start a new game"),
                          on_yes=self.app.new_game)
        else:
            self.app.new_game()

    def _load(self) -> None:
        self.app.open("slots", mode="load")

    def _settings(self) -> None:
        self.app.open("settings")

    def _problems(self) -> None:
        self.app.open("problems")
