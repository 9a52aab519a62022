"""The command line: ``deconfliction-line [command]`` (or ``python -m game``). With no command,
the window opens."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from game import DISTRIBUTION, version
from game.i18n import tr
from game.paths import content_dir

MODULE_PROG = "python -m game"

EXAMPLES = """\
examples:
  open the window and play:
    {prog}
  play in the terminal (plain text, screen-reader friendly):
    {prog} play --text
  classroom mode, each player's results file in the shared folder R:
    {prog} --class 7B --results R
  the class in the browser (Chromebooks, phones), served from this computer:
    {prog} serve --class 7B --results R --lan
  the class report from the results folder R:
    {prog} report R --out report.html --csv results.csv
  check a scenario, and play 1,000 seeded random games on it:
    {prog} check my_scenario
    {prog} randomtest -n 1000 my_scenario

Saves and settings go to the platform's user data folder (--data to choose another).
"""


def invoked_as(argv0: str | None = None) -> str:
    """The program's name as the user started it, for usage lines: the console script's name,
    or ``python -m game``."""
    path = argv0 if argv0 is not None else (sys.argv[0] if sys.argv else "")
    parts = path.replace("\\", "/").split("/")  # a Windows path too, on any system
    name = parts[-1]
    if name in ("-m", "-c", "") or parts[-2:] == ["game", "__main__.py"]:
        return MODULE_PROG
    for suffix in (".exe", "-script.py", "-script.pyw"):  # Windows launchers
        name = name.removesuffix(suffix)
    # an entry point (deconfliction-line, deconfliction-line-window); anything else (a test
    # runner calling main()) shows the console script's name
    return name if name.startswith(DISTRIBUTION) else DISTRIBUTION


class _PrintVersion(argparse.Action):
    """``--version``, with the version looked up only when asked (reading the package metadata
    costs tens of milliseconds, which every start of the window would otherwise pay)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        print(f"{DISTRIBUTION} {version()}")
        parser.exit()


def _parser(prog: str | None = None) -> argparse.ArgumentParser:
    prog = prog or invoked_as()
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Deconfliction Line: a news-desk game about weighing sources. "
                    "With no command, the window opens.",
        epilog=EXAMPLES.format(prog=prog),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action=_PrintVersion,
                        help="print the program's name and version, then stop")
    parser.add_argument("--scenes", default=None, metavar="PATH",
                        help="the scenario (a folder or one .yaml file) to play and to check "
                             "(default: the story that ships with the game)")
    parser.add_argument("--data", default=None, metavar="DIR",
                        help="folder for saves and settings (default: the user data folder, "
                             "or $DECONFLICTION_LINE_DATA)")
    parser.add_argument("--dev", action="store_true", help="developer mode: F5 reloads scenes")
    parser.add_argument("--class", dest="class_code", default=None, metavar="CODE",
                        help="classroom mode with this class code (undo off, results kept)")
    parser.add_argument("--results", default=None, metavar="DIR",
                        help="classroom results folder, shared by the class (with --class)")
    parser.add_argument("--no-quiz", action="store_true",
                        help="classroom mode without the quiz before and after")
    parser.add_argument("--fullscreen", action="store_true", help="start in fullscreen")
    commands = parser.add_subparsers(dest="command", metavar="command")

    check = commands.add_parser("check", help="check a scenario and list its problems")
    check.add_argument("path", nargs="?", default=None,
                       help="a scenario folder or .yaml file (default: the shipped story)")
    check.add_argument("--strict", action="store_true", help="warnings fail too")

    randomtest = commands.add_parser("randomtest", help="play many seeded random games")
    randomtest.add_argument("path", nargs="?", default=None,
                            help="a scenario folder or .yaml file (default: the shipped story)")
    randomtest.add_argument("-n", type=int, default=1000, help="number of games")
    randomtest.add_argument("--seed", type=int, default=0,
                            help="seed of the first game; game k uses seed+k (default: 0)")
    randomtest.add_argument("--max-steps", type=int, default=2000,
                            help="a game longer than this counts as stuck")

    graph = commands.add_parser("graph", help="print the scene map as dot or mermaid")
    graph.add_argument("path", nargs="?", default=None,
                       help="a scenario folder or .yaml file (default: the shipped story)")
    graph.add_argument("--format", choices=("dot", "mermaid"), default="dot",
                       help="Graphviz dot, or a Mermaid flowchart (default: dot)")

    words = commands.add_parser("words", help="path lengths in words (min / median / max)")
    words.add_argument("path", nargs="?", default=None,
                       help="a scenario folder or .yaml file (default: the shipped story)")
    words.add_argument("-n", type=int, default=2000, help="number of random paths")
    words.add_argument("--seed", type=int, default=0,
                       help="seed of the first random path (default: 0)")

    play = commands.add_parser("play", help="play (in the window, or --text in the terminal)")
    play.add_argument("--text", action="store_true", help="play in the terminal")
    play.add_argument("--seed", type=int, default=None,
                      help="seed for the game's chance events, to replay the same game "
                           "(default: a new one each time)")
    # the classroom options may follow "play" too (SUPPRESS: given before it, they stay)
    play.add_argument("--class", dest="class_code", default=argparse.SUPPRESS, metavar="CODE",
                      help="classroom mode with this class code (undo off, results kept)")
    play.add_argument("--results", default=argparse.SUPPRESS, metavar="DIR",
                      help="classroom results folder (needs --class)")
    play.add_argument("--no-quiz", action="store_true", default=argparse.SUPPRESS,
                      help="classroom mode without the quiz before and after")
    play.add_argument("--data", default=argparse.SUPPRESS, metavar="DIR",
                      help="folder for saves and settings")

    report = commands.add_parser("report", help="a class report from a results folder")
    report.add_argument("dir", metavar="DIR",
                        help="the class's results folder (the --results folder of the game)")
    report.add_argument("--out", default="report.html", metavar="FILE",
                        help="the HTML report to write (default: report.html)")
    report.add_argument("--csv", default=None, metavar="FILE",
                        help="also write one row per session to this CSV file")

    new = commands.add_parser("new", help="write a small starter scenario that checks clean")
    new.add_argument("dir", help="a new or empty folder")
    schema = commands.add_parser("schema", help="print the scenario schema's path, for editors")
    schema.add_argument("--write", metavar="DIR", default=None, help="write a copy into DIR")

    serve = commands.add_parser("serve", help="serve the game to browsers (one machine, the "
                                "whole class)")
    serve.add_argument("--class", dest="serve_class", default=None, metavar="CODE",
                       help="classroom mode: students join with this code")
    serve.add_argument("--results", dest="serve_results", default=None, metavar="DIR",
                       help="classroom results folder (as for the window)")
    serve.add_argument("--lan", action="store_true",
                       help="listen on the local network (default: this computer only)")
    serve.add_argument("--port", type=int, default=8765, help="port to listen on (default 8765)")
    serve.add_argument("--no-browser", action="store_true", help="do not open a browser")
    serve.add_argument("--no-quiz", dest="serve_no_quiz", action="store_true",
                       help="classroom mode without the quiz before and after")
    serve.add_argument("--data", default=argparse.SUPPRESS,
                       help="folder for the single player's games (default: the data folder)")
    return parser


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    """Run one command; its exit code. ``prog`` names the program in usage lines.

    Output piped into a reader that stops early (``check | head -1``) ends the program quietly,
    as Python's documentation recommends for SIGPIPE: the rest of the output goes to devnull
    (so the flush at exit cannot fail again) and the exit status is 1, with no traceback."""
    try:
        code = _run(argv, prog)
        if sys.stdout is not None:  # None under pythonw (the -window script)
            sys.stdout.flush()  # here, not at exit, so that a closed pipe is caught here too
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return code


def _run(argv: list[str] | None, prog: str | None) -> int:
    parser = _parser(prog)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on a usage error, 0 for --help
        return int(exc.code or 0)
    scenes = args.scenes or str(content_dir())
    command = args.command or "play"
    if command == "play" and args.class_code is None and (args.results or args.no_quiz):
        print(tr("cli.needs_class", "{prog}: {option} is for classroom mode: give "
                 "the class code too (--class CODE)",
                 prog=parser.prog, option="--results" if args.results else "--no-quiz"),
              file=sys.stderr)
        return 2
    if command == "check":
        from game.tools import check

        return check.run(args.path or scenes, strict=args.strict)
    if command == "randomtest":
        from game.tools import randomtest

        return randomtest.run(args.path or scenes, games=args.n, seed=args.seed,
                              max_steps=args.max_steps)
    if command == "graph":
        from game.tools import graph

        return graph.run(args.path or scenes, fmt=args.format)
    if command == "words":
        from game.tools import words

        return words.run(args.path or scenes, games=args.n, seed=args.seed)
    if command == "new":
        from game.tools import new

        return new.run(args.dir)
    if command == "schema":
        from game.tools import schema

        return schema.run(write=args.write)
    if command == "report":
        from game.classroom import report

        return report.run(args.dir, out=args.out, csv_path=args.csv)
    if command == "serve":
        from game.web import server

        class_code = args.serve_class or args.class_code
        results = args.serve_results or args.results
        no_quiz = args.serve_no_quiz or args.no_quiz
        if class_code is None and (results or no_quiz):
            print(tr("cli.needs_class", "{prog}: {option} is for classroom mode: give "
                     "the class code too (--class CODE)",
                     prog=parser.prog, option="--results" if results else "--no-quiz"),
                  file=sys.stderr)
            return 2
        return server.run(scenes, class_code=class_code, results=results, lan=args.lan,
                          port=args.port, browser=not args.no_browser, quiz=not no_quiz,
                          data=args.data)
    if command == "play" and getattr(args, "text", False):
        from game import terminal

        if args.class_code is None:
            return terminal.run(scenes, seed=args.seed)
        from pathlib import Path

        from game.desk import Classroom
        from game.paths import data_dir

        classroom = Classroom(args.class_code, Path(args.results) if args.results else None,
                              quiz=not args.no_quiz)
        return terminal.run(scenes, seed=args.seed, data=data_dir(args.data),
                            classroom=classroom)
    from game import crashlog
    from game.ui import app

    return crashlog.guard(lambda: app.run(args, scenes))


if __name__ == "__main__":
    sys.exit(main())
