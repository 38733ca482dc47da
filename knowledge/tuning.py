"""Every number the engine decides by, in one frozen record that `pindesk eval --tune` can vary."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace


@dataclass(frozen=True)
class Tuning:
    """The engine's weights, thresholds and limits; the defaults are the ones the evaluation set holds."""

    # How much each kind of evidence can say on its own (the noisy-OR ceilings).
    name_ceiling: float = 0.92  # a name or alias of the app
    host_ceiling: float = 0.96  # a host in the app's domain lists
    error_ceiling: float = 0.80  # the app's own error text
    text_ceiling: float = 0.72  # free text against all the catalog says of the app
    own_ceiling: float = 0.85  # a host under the app's home domain that no list names
    description_ceiling: float = 0.6  # how the app is described (what it is, who makes it, its icon)

    # Names and aliases.
    typo_name: float = 0.9  # a name written with a typo ("instagarm")
    generic_name: float = 0.6  # an alias that is also an everyday word ("signal", "teams"), alone
    generic_name_in_context: float = 0.95  # ... beside an app word ("teams app") or in a query of two words
    determiner_divisor: float = 3.0  # ... after "the", "my", "at" (the everyday sense): this many times weaker
    short_query_words: int = 2  # a query this short that holds an everyday-word alias means the app
    generic_max_length: int = 2  # an alias this short ("ig", "x") is generic unless written with a capital
    partial_name: float = 0.85  # one distinctive word of a longer name ("xbox" of "Xbox Live")
    platform_partial_name: float = 0.7  # a shared word of names ("store") that the platform named settles
    partial_min_length: int = 3  # words of names shorter than this never count alone
    compact_words: int = 4  # spaceless names ("joinme") are looked for across at most this many words
    plural_min_length: int = 4  # an alias word this long ending in "s" is also matched without it
    strong_name: float = 0.9  # a name this strong outweighs an app outside the catalog or an unknown host

    # Hosts.
    optional_host: float = 0.9  # a host covered only by an app's optional domains
    broad_host: float = 0.6  # ... by a rule for a maker's whole domain that many of its apps call home
    broad_home_apps: int = 3  # ... that is, at least this many catalog apps

    # Error texts.
    error_idf_ref: float = 3.5  # mean IDF of an error text's words that makes it fully distinctive
    error_min_share: float = 0.5  # the least IDF share of an error text the query must hold
    error_min_words: int = 2  # words of a longer error text the query must share
    common_error_word: int = 500  # an error word in more error texts than this finds no candidates alone

    # Free text (TF-IDF over words and character n-grams).
    text_ref: float = 0.42  # a free-text similarity this high counts as full text evidence
    word_share: float = 0.5  # the word space's share of the similarity (the rest is characters')
    word_features: int = 64  # the query's strongest word terms kept
    char_features: int = 96  # the query's strongest character n-grams kept
    text_candidates: int = 10  # apps kept from the free-text search (and from the descriptions) as candidates
    text_floor: float = 0.05  # the least similarity that makes an app a candidate
    text_reason: float = 0.3  # text evidence above this names the symptom or note that fits best
    body_weight: float = 0.8  # an article's body counts a little less than its title and keywords

    # The platform the query names.
    platform_match: float = 1.12  # text evidence for an app listed for exactly that platform
    platform_mismatch: float = 0.8  # ... and for an app the catalog does not list for it
    platform_named_share: float = 0.5  # share of that effect left when a name or host already says the app

    # Free text against how each app is described.
    description_ref: float = 0.35  # a description similarity this high counts as full description evidence
    description_floor: float = 0.08  # the least description similarity that makes an app a candidate
    description_candidates: int = 5  # apps kept from the descriptions as candidates
    kind_described: float = 0.25  # an app meant by its kind ("the bank app") needs this much description, or
    # its maker named, for an answer
    kind_error: float = 0.9  # ... or its own on-screen error text quoted this fully (distinctive words and all)
    kind_text_share: float = 0.25  # free text evidence for an app that is mostly the words for kinds of apps
    # (what is left without them is less than this share of it) alone never answers

    # Deciding.
    threshold: float = 0.0  # the combiner's probability below which pindesk abstains; 0: the one chosen on dev
    # when the combiner's weights were fitted (combiner.json)
    ranked_candidates: int = 4  # candidates the combiner weighs besides every named one
    gated_confidence: float = 0.05  # confidence when a host imitates an app, or an outside app or unknown host
    tie_margin: float = 0.05  # candidates whose evidence (noisy-OR) is this close to the best's fit it equally
    confidence_cap: float = 0.99  # the most confidence an answer states
    platform_tiebreak: float = 0.02  # among candidates that fit equally, one the platform named does not fit
    # loses this share of its probability
    abstain_gap: float = 0.01  # an abstained answer's confidence stays this far below the threshold
    abstain_shown: int = 3  # closest entries listed when abstaining

    # Articles (questions about pinning itself).
    article_min: float = 0.06  # the least similarity with an article that answers a question about pinning
    article_question_words: int = 6  # a question without the topic's words needs this many content words
    article_related: float = 0.05  # the least similarity for an article listed beside the best one
    article_shown: int = 3  # articles listed at most
    article_similarity_power: float = 1.0  # the chooser's chance times (similarity / the best) to this power
    article_chance_shown: float = 0.1  # the least chance (article chooser) for an article listed beside the best
    article_base: float = 0.55  # confidence in an article: base ...
    article_slope: float = 1.6  # ... plus this times its similarity ...
    article_cap: float = 0.99  # ... at most this

    # Spelling.
    typo_min_length: int = 4  # words shorter than this are never corrected, nor corrected to
    name_typo_min_length: int = 5  # an everyday word this long may be a name one letter off ("twiter")
    one_edit_max_length: int = 7  # words up to this long may be one edit off; longer ones two
    first_letter_max_length: int = 5  # a correction of a word this short must keep its first letter

    # Memory and speed; they do not change answers.
    dense_limit: int = 40_000_000  # cells of a TF-IDF matrix kept dense; larger ones are sparse
    word_cache: int = 50_000  # words whose character n-gram columns are kept between queries

    @property
    def ceilings(self) -> dict[str, float]:
        """The ceiling of each kind of evidence, by kind."""
        return {"name": self.name_ceiling, "host": self.host_ceiling, "own": self.own_ceiling,
                "error": self.error_ceiling, "text": self.text_ceiling, "description": self.description_ceiling}

    def to_dict(self) -> dict:
        """JSON form: every field and its value."""
        return asdict(self)

    def varied(self, assignments: list[str]) -> Tuning:
        """A copy with `NAME=VALUE` assignments applied; ValueError names the first bad one."""
        types = {f.name: f.type for f in fields(self)}
        changes = {}
        for assignment in assignments:
            name, sep, value = assignment.partition("=")
            name = name.strip()
            if not sep:
                raise ValueError(f"--tune takes NAME=VALUE, got {assignment!r}")
            if name not in types:
                raise ValueError(f"--tune: no tuning field {name!r} (see `pindesk eval --json`)")
            try:
                changes[name] = int(value) if types[name] == "int" else float(value)
            except ValueError:
                kind = "a whole number" if types[name] == "int" else "a number"
                raise ValueError(f"--tune {name}: {value!r} is not {kind}") from None
        return replace(self, **changes)
