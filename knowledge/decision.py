"""The decision: rank the apps by their evidence, then answer, declare a tie, turn to an article, or abstain."""
from __future__ import annotations

import numpy as np

from .answer import ABSTAINED, AMBIGUOUS, ANSWERED, UNLISTED_ARTICLE, Answer, Match, Reason
from .catalog import App, Catalog
from .evidence import Evidence
from .query import Query
from .text import INDEX_STOP_WORDS, normalise, tokens
from .tuning import Tuning


class Decision:
    """Turns a query's evidence into the one Answer."""

    def __init__(self, catalog: Catalog, app_platforms: list[frozenset[str]], tuning: Tuning):
        self.catalog, self.apps, self.articles = catalog, catalog.apps, catalog.articles
        self.app_platforms, self.tuning = app_platforms, tuning
        self.ceilings = tuning.ceilings
        self._sentence_cache: dict[int, tuple] = {}

    def decide(self, query: Query, evidence: dict[int, Evidence]) -> Answer:
        """Rank the candidates, then answer, declare a tie, turn to the articles, or abstain."""
        tuning, platform, version = self.tuning, query.platform, self.catalog.version
        scored = []
        for index, ev in evidence.items():
            score = ev.score(self.ceilings)
            if platform:
                factor = self._platform_factor(index, platform)
                if ev.name or ev.host:
                    # A name or host already says which app; the platform only breaks ties.
                    factor = min(1.0, 1.0 - (1.0 - factor) * tuning.platform_named_share)
                score *= factor
            scored.append((min(1.0, score), index, ev))
        scored.sort(key=lambda item: (-item[0], item[1]))
        strong_name = any(ev.name >= tuning.strong_name for _, _, ev in scored)
        any_host = any(ev.host > 0 for _, _, ev in scored)
        best = scored[0][0] if scored else 0.0

        reason = None
        unlisted, reports = query.unlisted, query.host_reports
        if unlisted and not strong_name and not any_host:
            reason = (f"{', '.join(unlisted)} {'is' if len(unlisted) == 1 else 'are'} not in the catalog "
                      f"of apps known to pin their certificates")
        elif reports and not any(r.app_ids for r in reports) and not strong_name:
            listed = ", ".join(r.host for r in reports)
            reason = f"no app in the catalog lists {listed}"
        elif query.unfamiliar and not any(ev.name for _, _, ev in scored) and not any_host:
            best *= tuning.unfamiliar_factor
            scored = [(s * tuning.unfamiliar_factor, i, ev) for s, i, ev in scored]

        article = self._article_answer(query, strong_name or any_host, best >= tuning.threshold)
        if article and reason is None:
            return article

        if reason is None and best < tuning.threshold:
            reason = "nothing in the catalog fits this well enough"
        matches = tuple(self._app_match(s, i, ev, query) for s, i, ev in scored[:query.limit])
        if reason:
            shown = matches[:tuning.abstain_shown]
            names = ", ".join(m.app.display_name for m in shown)
            message = f"Not answered: {reason}." + (f" Closest entries: {names}." if names else "")
            confidence = min(best, tuning.threshold - tuning.abstain_gap) if matches else 0.0
            return Answer(query=query.text, outcome=ABSTAINED, confidence=confidence, message=message,
                          matches=shown, platform=platform, hosts=tuple(reports), see_also=(UNLISTED_ARTICLE,),
                          unlisted_apps=tuple(unlisted), catalog_version=version)

        tied = [m for m in matches if m.score >= tuning.threshold and m.score >= best - tuning.tie_margin]
        top = tied[0].app
        caveats = []
        if platform and not all(m.app.runs_on(platform) for m in tied):
            caveats.append(_platform_caveat(top, platform))
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

    def _platform_factor(self, index: int, platform: str) -> float:
        """Weigh evidence by whether the app breaks on the platform the query names."""
        platforms = self.app_platforms[index]
        if platform in platforms or (platform in ("ios", "android") and "mobile" in platforms):
            return self.tuning.platform_match
        if "all" in platforms or (platform == "mobile" and platforms & {"mobile", "ios", "android"}):
            return 1.0
        return self.tuning.platform_mismatch

    def _article_answer(self, query: Query, app_named: bool, app_fits: bool) -> Answer | None:
        """An answer from the articles when the query asks about pinning itself, not about an app."""
        tuning, article_scores, text_scores = self.tuning, query.article_scores, query.text_scores
        if not len(article_scores) or app_named:
            return None
        order = np.argsort(-article_scores)
        top = float(article_scores[order[0]])
        best_app = float(text_scores.max()) if len(text_scores) else 0.0
        if not query.topical or top < tuning.article_min or (app_fits and top <= best_app):
            return None
        matches = tuple(Match(score=self._article_confidence(float(article_scores[i])),
                              why=(Reason("article", self.articles[i].title, ""),),
                              article=self.articles[i])
                        for i in order[:tuning.article_shown] if article_scores[i] >= tuning.article_related)
        return Answer(query=query.text, outcome=ANSWERED, confidence=matches[0].score,
                      message=f"{matches[0].article.title}: {matches[0].article.summary}",
                      matches=matches, catalog_version=self.catalog.version)

    def _article_confidence(self, similarity: float) -> float:
        """Confidence in an article from its similarity with the question."""
        return min(self.tuning.article_cap, self.tuning.article_base + self.tuning.article_slope * similarity)

    def _app_match(self, score: float, index: int, ev: Evidence, query: Query) -> Match:
        """A Match for an app, with its reasons; for free text, the symptom that shares most words."""
        why = list(ev.why)
        if ev.text > self.tuning.text_reason:
            present = {w for w in query.words if w and w not in INDEX_STOP_WORDS}
            field_name, best, shared = max(((f, text, present & words_of) for f, text, words_of
                                            in self._sentences(index)), key=lambda item: len(item[2]))
            if shared:
                why.append(Reason(field_name, best, " ".join(sorted(shared))))
        return Match(score=min(1.0, score), why=tuple(why), app=self.apps[index])

    def _sentences(self, index: int) -> tuple[tuple[str, str, frozenset[str]], ...]:
        """An app's symptoms and notes with their words, worked out once per app when first needed."""
        found = self._sentence_cache.get(index)
        if found is None:
            app = self.apps[index]
            found = tuple((field_name, text, frozenset(tokens(normalise(text))))
                          for field_name, texts in (("symptoms", app.symptoms), ("notes", (app.notes,)))
                          for text in texts)
            self._sentence_cache[index] = found
        return found


def _platform_caveat(app: App, platform: str) -> str:
    """Why a platform the catalog does not list for this app deserves a second look."""
    return (f"The catalog lists {app.display_name} as breaking on {app.platform_source}; on "
            f"{platform} the cause may be something else, so first check it works off the inspected network.")
