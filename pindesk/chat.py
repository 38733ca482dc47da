"""`pindesk chat`: a troubleshooting conversation in the terminal, kept in memory only.

Each line is a message: the problem first, then replies to pindesk's questions (an option's number,
its words, or anything else). Piped lines are read the same way, so a script can hold a conversation.
"""
from __future__ import annotations

import json
import textwrap

from pindesk.knowledge.dialogue import Dialogue, Turn
from pindesk.knowledge.errors import QueryError

from . import render

NEW, QUIT = ("new", "/new"), ("quit", "exit", "/quit", "/exit")
GREETING = ("Describe the problem: the app, the error it shows, or a host. Reply to a question with its "
            "number or in your own words; 'new' starts over, an empty line or Ctrl-D ends.")


def cmd_chat(args, env, engine) -> int:
    """Hold one conversation after another until the input ends; nothing is stored."""
    dialogue, conversation, interactive = Dialogue(engine), None, _interactive(env.stdin)
    if interactive and not args.json:
        env.print(textwrap.fill(GREETING, render.WIDTH))
    for line in _lines(env, interactive):
        line = line.strip()
        if not line or line.casefold() in QUIT:
            break
        if line.casefold() in NEW:
            conversation = None
            continue
        try:
            turn = dialogue.turn(conversation, line, platform=args.platform if conversation is None else None)
        except QueryError as exc:
            env.stderr.write(f"pindesk: error: {exc}\n")
            continue
        conversation = turn.conversation
        if args.json:
            env.print(json.dumps({"answer": turn.answer.to_dict(),
                                  "question": turn.question.to_dict() if turn.question else None},
                                 ensure_ascii=False))
        else:
            env.print(turn_text(turn, engine.catalog) + "\n")
        env.stdout.flush()
    return 0


def turn_text(turn: Turn, catalog) -> str:
    """pindesk's turn as text: the answer so far, then the question and its numbered options."""
    if turn.not_inspection:
        text = "Probably not inspection\n" + textwrap.fill(turn.answer.message, render.WIDTH, initial_indent="  ",
                                                            subsequent_indent="  ")
    else:
        text = render.answer_text(turn.answer, catalog)
    if turn.question is None:
        return text
    options = [f"  {n}. {option.label}" for n, option in enumerate(turn.question.options, 1)]
    return "\n".join([text, "", turn.question.text, *options, "(a number, or reply in your own words)"])


def _interactive(stream) -> bool:
    """Whether a person types at the terminal (prompts are shown), rather than lines piped in."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _lines(env, interactive: bool):
    """The messages: typed after a prompt, or piped."""
    if not interactive:
        yield from env.read_lines()
        return
    while True:
        env.stdout.write("> ")
        env.stdout.flush()
        line = env.stdin.readline()
        if not line:
            return
        yield line
