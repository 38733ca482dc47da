"""What most engine tests check, said once: which entry an answer names first."""


def first_answered(engine, query: str, **options) -> str | None:
    """The id of the first entry of the engine's answer (a tie's included); None when it abstains."""
    answer = engine.ask(query, **options)
    return answer.matches[0].id if answer.answered and answer.matches else None
