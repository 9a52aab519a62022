"""Hot reload: new content under a running game, or a clear reason why not."""

from __future__ import annotations

from game.engine.loader import load_scenario
from game.engine.reload import reload_story
from game.engine.story import Story


def _at_the_side_trip(folder):  # type: ignore[no-untyped-def]
    story = Story(load_scenario(folder), seed=4)
    story.choose(next(o.index for o in story.choices() if o.id == "check"))
    return story


def test_reload_keeps_the_game_and_shows_the_new_text(tmp_path, example_path):
    folder = tmp_path / "example"
    folder.mkdir()
    text = example_path.read_text(encoding="utf-8").replace("../../assets", str(
        example_path.parent.parent.parent / "assets"))
    (folder / "example.yaml").write_text(text, encoding="utf-8")
    story = _at_the_side_trip(folder)
    (folder / "example.yaml").write_text(text.replace("The archive dates", "The old archive dates"),
                                         encoding="utf-8")
    outcome = reload_story(story, folder)
    assert outcome.story is not None and outcome.error is None
    assert outcome.story.restored_across_versions
    assert outcome.story.scene.id == "archive"
    assert outcome.story.paragraphs()[0].text.startswith("The old archive dates")
    assert outcome.story.state.history == story.state.history
    assert outcome.story.state.rng == story.state.rng


def test_reload_with_errors_returns_the_diagnostics(tmp_path, example_path):
    folder = tmp_path / "example"
    folder.mkdir()
    text = example_path.read_text(encoding="utf-8").replace("../../assets", str(
        example_path.parent.parent.parent / "assets"))
    (folder / "example.yaml").write_text(text, encoding="utf-8")
    story = _at_the_side_trip(folder)
    (folder / "example.yaml").write_text(text.replace("goto: published", "goto: publshed", 1),
                                         encoding="utf-8")
    outcome = reload_story(story, folder)
    assert outcome.story is None
    assert any(d.code == "DL005" for d in outcome.diagnostics)
    assert "DL005" in outcome.problem and "did you mean 'published'?" in outcome.problem
    assert story.scene.id == "archive"  # the running game is untouched


def test_reload_that_no_longer_fits_explains_why(tmp_path, example_path):
    folder = tmp_path / "example"
    folder.mkdir()
    text = example_path.read_text(encoding="utf-8").replace("../../assets", str(
        example_path.parent.parent.parent / "assets"))
    (folder / "example.yaml").write_text(text, encoding="utf-8")
    story = _at_the_side_trip(folder)
    renamed = text.replace("id: archive", "id: photo_archive").replace("visit: archive",
                                                                        "visit: photo_archive")
    (folder / "example.yaml").write_text(renamed, encoding="utf-8")
    outcome = reload_story(story, folder)
    assert outcome.story is None and outcome.error is not None
    assert "scene 'archive'" in outcome.problem and "no longer has" in outcome.problem
