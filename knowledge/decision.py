"""The decision: rank the apps by their evidence, then answer, declare a tie, turn to an article, or abstain."""
from __future__ import annotations

from operator import itemgetter

import numpy as np

from . import reasons
from .answer import ABSTAINED, AMBIGUOUS, ANSWERED, UNLISTED_ARTICLE, Answer, Match, Reason
from .article_choice import ArticleChooser
from .catalog import Catalog
from .combiner import FEATURES, Combiner, QuerySignals, candidate_features
from .evidence import KINDS, Evidence
from .query import Query
from .space import app_document
from .text import INDEX_STOP_WORDS, normalise, tokens
from .tuning import Tuning

BASE, PLATFORM_FIT = FEATURES.index("base"), FEATURES.index("platform_fit")
PINNING_WORDS = frozenset({"pinning", "pinned"})


class Decision:
    """Turns a query's evidence into the one Answer."""

    def __init__(self, catalog: Catalog, app_platforms: list[frozenset[str]], tuning: Tuning, combiner: Combiner,
                 chooser: ArticleChooser | None = None):
        self.catalog, self.apps, self.articles = catalog, catalog.apps, catalog.articles
        self.chooser = chooser
        self.app_platforms, self.tuning, self.combiner = app_platforms, tuning, combiner
        self.ceilings = tuning.ceilings
        self._ceiling_values = tuple(self.ceilings[kind] for kind in KINDS)  # as Evidence.noisy_or takes them
        self.threshold = tuning.threshold or combiner.threshold
        self._sentence_cache: dict[int, tuple] = {}
        self._own_words: dict[int, frozenset[str]] = {}  # the words the catalog says of an app, as needed

    def unrelated(self, index: int, signals: QuerySignals) -> float:
        """The query's problems that are not the network's, less the words the catalog itself says of how this
        app fails: "calendar" is no other problem for TrainingPeaks, whose training calendar fails to load."""
        if not signals.unrelated_words:  # most queries
            return signals.unrelated
        own = self._own_words.get(index)
        if own is None:
            app = self.apps[index]
            own = self._own_words[index] = frozenset(tokens(normalise(app_document(app))))
        return signals.unrelated - len(signals.unrelated_words & own)

    def rank(self, query: Query, evidence: dict[int, Evidence], signals: QuerySignals) -> list[tuple]:
        """Every candidate as (probability, index, evidence, features), most probable first."""
        tuning, platform, strong = self.tuning, query.platform, self.tuning.strong_name
        c_name, c_host, c_own, c_error, c_text, c_desc = self._ceiling_values
        based = []
        for index, ev in evidence.items():
            base, fit = ev.noisy_or(c_name, c_host, c_own, c_error, c_text, c_desc), 0.0
            if platform:
                factor = self._platform_factor(index, platform)
                fit = 1.0 if factor > 1.0 else (-1.0 if factor < 1.0 else 0.0)  # the sign, as the feature's float
                if ev.name or ev.host:
                    # A name or host already says which app; the platform only breaks ties.
                    factor = min(1.0, 1.0 - (1.0 - factor) * tuning.platform_named_share)
                base *= factor
            based.append((base if base < 1.0 else 1.0, index, ev, fit))  # min(1.0, base), without the call
        based.sort(key=itemgetter(1))  # by position, then most probable first: a stable sort keeps the positions
        based.sort(key=itemgetter(0), reverse=True)
        most = tuning.ranked_candidates
        kept = based[:most] + [b for b in based[most:] if b[2].name or b[2].host or b[2].own or b[2].error]
        text_top, described_top = _leaders(kept)
        named = sum(1 for b in kept if b[2].name >= strong)  # how many apps are named strongly
        # The query's problems that are not the network's: the same for all unless the catalog says one of an app.
        unrelated = None if signals.unrelated_words else signals.unrelated
        top_base, second_base = (based[0][0], based[1][0] if len(based) > 1 else 0.0) if based else (0.0, 0.0)
        rows = [candidate_features(ev, signals, base=base, best_other=top_base if n else second_base,
                                   text_top=index == text_top and ev.text > 0,
                                   description_top=index == described_top and ev.description > 0,
                                   platform_fit=fit,
                                   rival_named=named > (ev.name >= strong),  # an app named other than this one
                                   named=ev.name >= strong or bool(ev.host or ev.own),
                                   unrelated=self.unrelated(index, signals) if unrelated is None else unrelated)
                for n, (base, index, ev, fit) in enumerate(kept)]
        ranked = [(p, index, ev, row) for p, (_, index, ev, _), row
                  in zip(self.combiner.probabilities(rows), kept, rows, strict=True)]
        ranked.sort(key=itemgetter(1))
        ranked.sort(key=itemgetter(0), reverse=True)
        return ranked

    def decide(self, query: Query, evidence: dict[int, Evidence], signals: QuerySignals) -> Answer:
        """Rank the candidates, then answer, declare a tie, turn to the articles, or abstain."""
        tuning, platform, version = self.tuning, query.platform, self.catalog.version
        ranked = self.rank(query, evidence, signals)
        ranked, equal = self._break_ties(ranked)
        # Candidates that fit equally share the chance that one of them is meant (exactly one app is).
        best = sum([ranked[i][0] for i in equal]) if len(equal) > 1 else (ranked[0][0] if ranked else 0.0)
        best = best if best < tuning.confidence_cap else tuning.confidence_cap  # min(cap, best), without the call
        strong_name = any(ev.name >= tuning.strong_name for _, _, ev, _ in ranked)
        reports = query.host_reports
        # "Is it OK to bypass all of cloudfront.net?" asks how wide a bypass may be, not about an app listed there.
        scope = signals.shared_hosts and (signals.asks or "?" in query.text)
        judged = () if scope else reports
        any_host = bool(judged) and any(r.app_ids or r.home_of for r in judged)
        reason, gated = None, True
        unlisted = query.unlisted
        imitations = [r for r in judged if r.imitates] if judged else ()
        if imitations and not any(r.app_ids or r.home_of for r in judged if r.host not in query.name_hosts):
            reason = "; ".join(self._imitation(r) for r in imitations)
        elif unlisted and not strong_name and not any_host:
            reason = (f"{', '.join(unlisted)} {'is' if len(unlisted) == 1 else 'are'} not in the catalog "
                      f"of apps known to pin their certificates")
        elif judged and not any_host and not strong_name:
            reason = f"no app in the catalog lists {', '.join(r.host for r in judged)}"

        # An app outside the catalog or a name nobody knows means the question is about that app.
        # A question that speaks of pinning itself is about it whatever unknown terms it uses ("HPKP").
        unknown = bool(signals.unknown_name) and PINNING_WORDS.isdisjoint(query.raw)
        about_an_app = strong_name or any_host or bool(unlisted) or unknown
        # A question mark alone does not make "yelp says ssl error??" a question about pinning: an app the
        # query names, even by an everyday word, that fits and fails is what it asks about.
        named_fits = bool(ranked) and ranked[0][2].name > 0 and best >= self.threshold and bool(signals.failing)
        asks = bool(signals.asks) or ("?" in query.text and not named_fits)
        article = self._article_answer(query, about_an_app, best >= self.threshold, asks,
                                       bool(signals.browser_contrast))
        if article and reason is None:
            return article

        top_ev = ranked[0][2] if ranked else None
        top_named = bool(top_ev and (top_ev.name or top_ev.host or top_ev.own))  # its name, a host, its maker's
        if reason is None and ranked and signals.unknown_name and not article and not top_named:
            reason = reasons.UNKNOWN_NAME
        if reason is None and top_ev and (signals.kind_only or signals.kind_word) and not top_named \
                and not top_ev.maker and top_ev.description < tuning.kind_described \
                and (signals.kind_named or signals.kind_word or not top_ev.error) and top_ev.error < tuning.kind_error:
            reason = reasons.KIND_OF_APP if signals.kind_named or signals.kind_word else reasons.UNNAMED_APP
        if reason is None and top_ev and not top_named and not (top_ev.error or top_ev.maker) \
                and top_ev.description < tuning.kind_described and top_ev.text \
                and top_ev.specific < tuning.kind_text_share * top_ev.text:
            reason = reasons.EVERYDAY_WORDS
        if reason is None and top_ev and signals.bare and not (top_named or top_ev.maker) \
                and top_ev.description < tuning.kind_described:
            reason = reasons.BARE
        if reason is None and ranked and self._off_the_network(ranked[0][2], signals,
                                                               self.unrelated(ranked[0][1], signals)):
            reason = reasons.OFF_THE_NETWORK
        if reason is None and best < self.threshold:
            reason, gated = reasons.TOO_LITTLE, False
        matches = self._app_matches(ranked[:query.limit], query)
        if reason:
            shown = matches[:tuning.abstain_shown]
            names = ", ".join(m.app.display_name for m in shown)
            message = f"Not answered: {reason}." + (f" Closest entries: {names}." if names else "")
            # Turned away whatever the evidence: the first entry listed is hardly ever the one meant.
            confidence = min(best, self.threshold - tuning.abstain_gap, tuning.gated_confidence if gated else 1.0)
            return Answer(query=query.text, outcome=ABSTAINED, confidence=confidence if matches else 0.0,
                          message=message, matches=shown, platform=platform, hosts=tuple(reports),
                          see_also=(UNLISTED_ARTICLE,), unlisted_apps=tuple(unlisted), catalog_version=version)

        tied = [matches[i] for i in equal if i < len(matches)]
        top = tied[0].app
        caveats = list(query.refusals)
        if platform and not all(m.app.runs_on(platform) for m in tied):
            # Why a platform the catalog does not list for this app deserves a second look.
            caveats.append(f"The catalog lists {top.display_name} as breaking on {top.platform_source}; on {platform} "
                           f"the cause may be something else, so first check it works off the inspected network.")
        if len(tied) > 1:
            names = ", ".join(m.app.display_name for m in tied)
            message = f"Several entries fit equally: {names}. Check which app the person uses."
            outcome = AMBIGUOUS
        else:
            message = f"{top.display_name}: {top.recommendation.summary}"
            outcome = ANSWERED
        see_also = ("exempting-an-app",) if query.topical else ()
        return Answer(query=query.text, outcome=outcome, confidence=best, message=message, tied=len(tied),
                      matches=matches, platform=platform, hosts=tuple(reports),
                      caveats=tuple(caveats), see_also=see_also, catalog_version=version)

    @staticmethod
    def _off_the_network(ev: Evidence, signals: QuerySignals, unrelated: float) -> bool:
        """Whether the query asks something that is not the network's about an app it names, or its maker: a how-to
        question, or a problem of another kind (a crash, a licence, a calendar, a controller that won't
        pair), with no word of the network, no host and none of the app's own error text; or a problem
        that is not pinning on any network (a quota, a proxy detected, a browser lacking the proxy's CA) or
        that happens off the inspected network too ("at home too"), without the app's own error text."""
        if (signals.elsewhere or signals.too) and (ev.name > 0 or ev.host or ev.own) and not ev.error:
            return True
        return ((ev.name > 0 or ev.maker > 0) and not signals.network and (signals.how_to or unrelated)
                and not (ev.host or ev.own or ev.error))

    def _break_ties(self, ranked: list[tuple]) -> tuple[list[tuple], list[int]]:
        """The leading candidates that fit as well as the most probable one (their noisy-OR within the
        tie margin, at least half its probability), the platform named breaking ties among them by a
        hair; the candidates again, most probable first, and the positions of those that fit equally."""
        if len(ranked) < 2:
            return ranked, list(range(len(ranked)))
        base, fit = BASE, PLATFORM_FIT
        top_probability, _, _, top_features = ranked[0]
        count = 1
        while count < len(ranked) and abs(ranked[count][3][base] - top_features[base]) <= self.tuning.tie_margin \
                and ranked[count][0] >= top_probability / 2:
            count += 1
        if count == 1:  # one leads: the platform has nothing to break, its probability stays
            return ranked, [0]
        best_fit = max(c[3][fit] for c in ranked[:count])
        floor = ranked[count][0] if count < len(ranked) else 0.0
        group = [(max(floor, p * (1.0 - self.tuning.platform_tiebreak * (best_fit - f[fit]))), i, ev, f)
                 for p, i, ev, f in ranked[:count]]
        group.sort(key=lambda c: (-c[0], c[1]))
        return group + ranked[count:], list(range(count))

    def _imitation(self, report) -> str:
        """Why a host that carries an app's brand is not that app's: where it is really registered."""
        names = ", ".join(self.catalog.app(i).display_name for i in report.imitates)
        return (f"{report.host} is not {names}'s: it is registered under {report.registered_domain}, which is "
                f"not {names}'s own domain and no list names it; do not exempt it")

    def _platform_factor(self, index: int, platform: str) -> float:
        """Weigh evidence by whether the app breaks on the platform the query names."""
        platforms = self.app_platforms[index]
        if platform in platforms or (platform in ("ios", "android") and "mobile" in platforms):
            return self.tuning.platform_match
        if "all" in platforms or (platform == "mobile" and platforms & {"mobile", "ios", "android"}):
            return 1.0
        return self.tuning.platform_mismatch

    def _article_answer(self, query: Query, app_named: bool, app_fits: bool, asks: bool,
                        contrast: bool = False) -> Answer | None:
        """An answer from the articles when the query asks about pinning itself, not about an app: a question
        in the topic's words that names no app goes to them even where an app's text fits too ("if I install
        the company CA on an iPhone, why doesn't that fix every app?")."""
        tuning, article_scores, text_scores = self.tuning, query.article_scores, query.text_scores
        if not len(article_scores) or app_named:
            return None
        top = max(article_scores.tolist())  # a handful of scores: quicker than NumPy's reduction
        if top < tuning.article_min:
            return None
        # "Why does the website work in Safari when the app can't connect?": a question that sets an app that
        # fails against the browser that works, naming neither, asks what pinning is whatever its words.
        topical = query.topical or (asks and contrast)
        if not topical and "?" not in query.text:  # neither about the topic nor a question: no need of the apps'
            return None
        best_app = float(np.maximum.reduce(text_scores)) if len(text_scores) else 0.0  # without max()'s wrapper
        # A question in other words ("which alert flags clients hanging up after the server hello?") is about
        # pinning too when the articles fit it better than any app does.
        asked = "?" in query.text and top > best_app and \
            sum(1 for w in query.keys if w not in INDEX_STOP_WORDS) >= tuning.article_question_words
        if not (topical or asked) or (app_fits and top <= best_app and not (asks and topical)):
            return None
        matches = self._article_matches(query, np.argsort(-article_scores))
        return Answer(query=query.text, outcome=ANSWERED, confidence=matches[0].score,
                      message=f"{matches[0].article.title}: {matches[0].article.summary}",
                      matches=matches, catalog_version=self.catalog.version)

    def _article_matches(self, query: Query, order: np.ndarray) -> tuple[Match, ...]:
        """The articles that answer a question about the topic, the likeliest first: by the article chooser
        when it fits the catalog, else by similarity. The first is as sure as the nearest article is near, or
        as the chooser is of it when it is surer; the others in proportion to their chance beside its."""
        tuning, article_scores = self.tuning, query.article_scores
        most = min(tuning.article_shown, query.limit)  # as many as the query asked for, at most
        top = self._article_confidence(float(article_scores[order[0]]))
        chances = self.chooser.probabilities(query.searchable) if self.chooser else None
        if chances is None:
            shown = [(i, self._article_confidence(float(article_scores[i]))) for i in order[:most]
                     if article_scores[i] >= tuning.article_related]
        else:
            # The chooser's chance weighed by how near each article is, beside the nearest: a question the
            # chooser never saw the like of ("pinning?") still goes where its words point.
            near = np.maximum(article_scores, 1e-6) / max(1e-6, float(article_scores.max()))
            chances = chances * near ** tuning.article_similarity_power
            chances = chances / chances.sum()
            ranked = np.argsort(-chances, kind="stable")
            # The likeliest article is as sure as the chooser is of it, or as the nearest article is near.
            top = min(tuning.article_cap, max(top, float(chances[ranked[0]])))
            shown = [(i, top * float(chances[i] / chances[ranked[0]])) for n, i in enumerate(ranked)
                     if n == 0 or (article_scores[i] >= tuning.article_related
                                   and chances[i] >= tuning.article_chance_shown)][:most]
        return tuple(Match(score=score, why=(Reason("article", self.articles[i].title, ""),),
                               article=self.articles[i]) for i, score in shown)

    def _article_confidence(self, similarity: float) -> float:
        """Confidence in an article from its similarity with the question."""
        return min(self.tuning.article_cap, self.tuning.article_base + self.tuning.article_slope * similarity)

    def _app_matches(self, ranked: list[tuple], query: Query) -> tuple[Match, ...]:
        """A Match for each app ranked, with its reasons; for free text, the symptom that shares most words."""
        present = None  # the query's content words, found once for all of them
        apps, text_reason = self.apps, self.tuning.text_reason
        matches = []
        for score, index, ev, _ in ranked:
            why = ev.why
            if ev.text > text_reason:
                if present is None:
                    present = set(query.words).difference(INDEX_STOP_WORDS, (None, ""))  # None: a word nobody knows
                field_name, best, shared = self._best_sentence(index, present)
                if shared:
                    why = [*why, Reason(field_name, best, " ".join(sorted(shared)))]
            matches.append(Match(score if score < 1.0 else 1.0, tuple(why), apps[index]))  # score, why, app
        return tuple(matches)

    def _best_sentence(self, index: int, present: set[str]) -> tuple[str, str, set[str]]:
        """The app's symptom or note that shares most words with the query (the first of those that share
        as many): its field, its text and the words shared."""
        found = self._sentence_cache.get(index)  # _sentences' own look-up, without the call once it is made
        sentences, holding, words = found if found is not None else self._sentences(index)
        shares: dict[int, int] = {}  # how many of the query's words each sentence holds, of those holding any
        for word in present & words:  # two sets: the query's few words are looked up, not the app's many
            for position in holding[word]:
                shares[position] = shares.get(position, 0) + 1
        best, most = 0, 0
        for position, count in shares.items():
            if count > most or (count == most and position < best):
                best, most = position, count
        field_name, text, words_of = sentences[best]
        return field_name, text, present & words_of

    def _sentences(self, index: int) -> tuple[tuple[tuple[str, str, frozenset[str]], ...], dict[str, list[int]],
                                              frozenset[str]]:
        """An app's symptoms and notes with their words, the positions of the sentences holding each word, and
        all their words; worked out once per app when first needed."""
        found = self._sentence_cache.get(index)
        if found is None:
            app = self.apps[index]
            sentences = tuple((field_name, text, frozenset(tokens(normalise(text))))
                              for field_name, texts in (("symptoms", app.symptoms), ("notes", (app.notes,)))
                              for text in texts)
            holding: dict[str, list[int]] = {}
            for position, (_, _, words_of) in enumerate(sentences):
                for word in words_of:
                    holding.setdefault(word, []).append(position)
            found = self._sentence_cache[index] = (sentences, holding, frozenset(holding))
        return found


def _leaders(kept: list[tuple]) -> tuple[int | None, int | None]:
    """The positions of the candidates with the most text evidence and with the most description evidence
    (the first of those equal), as max() with a key would find them."""
    text_top = described_top = None
    most_text = most_described = -1.0
    for _, index, ev, _ in kept:
        if ev.text > most_text:
            text_top, most_text = index, ev.text
        if ev.description > most_described:
            described_top, most_described = index, ev.description
    return text_top, described_top

