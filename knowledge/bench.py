"""`pindesk bench`: index build time and per-query latency, beside a plain TF-IDF baseline."""
from __future__ import annotations

import gc
import os
import platform
import random
import time

import numpy as np

from .catalog import App, Catalog, Recommendation
from .engine import Engine
from .evaluation import DEFAULT_EVAL, load_cases

SYLLABLES = ("ka", "lo", "mi", "ne", "ra", "tu", "vex", "zor", "bri", "dal", "fen", "gol", "hup", "jin",
             "kro", "lum", "mar", "nix", "pol", "quo", "ros", "sil", "tam", "ul", "vin", "wex", "yar", "zen")
WORDS = ("sync", "feed", "login", "video", "upload", "photos", "messages", "map", "cart", "checkout",
         "playlist", "stream", "inbox", "calendar", "tickets", "boarding", "balance", "weather", "news",
         "chat", "call", "meeting", "backup", "update", "catalog", "profile", "search", "alerts")
ERRORS = ("Unable to reach {w} service", "{W} is not available right now", "Could not load {w}",
          "Something went wrong with {w}", "{W} failed, try again later", "Error {n}: {w} unreachable")
SYMPTOMS = ("the {w} never finishes loading at the office", "{w} works at home but not on the corporate network",
            "spinner forever when opening {w}", "{w} screen stays blank behind the proxy")
TLDS = ("com", "net", "io", "app", "co")


def synthetic_catalog(size: int, seed: int, articles) -> Catalog:
    """A catalog of `size` invented apps with names, aliases, errors, symptoms and domains."""
    rng = random.Random(seed)
    apps, names = [], set()
    while len(apps) < size:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        if name.lower() in names:
            continue
        names.add(name.lower())
        word, other = rng.sample(WORDS, 2)
        slug = name.lower()
        domains = [f".{slug}.{rng.choice(TLDS)}", f"api.{slug}-{other}.{rng.choice(TLDS)}"]
        apps.append(App(
            id=f"{slug}-{len(apps)}", name=name, vendor=name + " Inc", platform_source="Mobile - All",
            platforms=("mobile",), domains=tuple(domains),
            error_messages=(rng.choice(ERRORS).format(w=word, W=word.capitalize(), n=rng.randint(100, 999)),),
            symptoms=tuple(t.format(w=rng.choice((word, other))) for t in rng.sample(SYMPTOMS, 2)),
            aliases=(f"{name} {word}",), notes=f"{name} pins its {word} service.",
            recommendation=Recommendation(action="url_category", summary="Exempt its domains.",
                                          steps=("Add the domains to a custom URL category.",)),
        ))
    return Catalog(apps=tuple(apps), articles=articles, version=f"synthetic-{size}", source="synthetic")


def synthetic_queries(catalog: Catalog, count: int, seed: int) -> list[str]:
    """Queries people might type about the catalog's apps: names, typos, errors, symptoms, hosts."""
    rng = random.Random(seed)
    queries = []
    for _ in range(count):
        app = rng.choice(catalog.apps)
        kind = rng.randrange(5)
        if kind == 0:
            queries.append(f"{app.name.lower()} says {app.error_messages[0].lower()}")
        elif kind == 1:
            name = app.name.lower()
            cut = rng.randrange(1, len(name) - 1)
            queries.append(f"{name[:cut] + name[cut + 1:]} wont load on my iphone")
        elif kind == 2:
            queries.append(app.error_messages[0])
        elif kind == 3:
            queries.append(f"{app.name} {rng.choice(app.symptoms)}")
        else:
            queries.append(f"CONNECT www{app.domains[0]}:443 failed")
    return queries


class Baseline:
    """The plain approach: char n-gram TF-IDF of each app's text, cosine, best row."""

    def __init__(self, catalog: Catalog):
        from sklearn.feature_extraction.text import TfidfVectorizer  # the baseline is scikit-learn as it comes
        docs = [" ".join((a.name, *a.aliases, *a.error_messages, *a.symptoms, a.notes)) for a in catalog.apps]
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self.matrix = self.vectorizer.fit_transform(docs)

    def ask(self, query: str) -> int:
        """Index of the best app."""
        from sklearn.metrics.pairwise import linear_kernel
        return int(np.argmax(linear_kernel(self.vectorizer.transform([query]), self.matrix)))


def _time_queries(ask, queries: list[str]) -> dict:
    """p50, p99 and mean latency in milliseconds over the queries (after a warm-up)."""
    for query in queries[:20]:
        ask(query)
    timings = []
    gc.disable()
    try:
        for query in queries:
            start = time.perf_counter()
            ask(query)
            timings.append((time.perf_counter() - start) * 1000)
    finally:
        gc.enable()
    array = np.array(timings)
    return {"p50_ms": float(np.percentile(array, 50)), "p99_ms": float(np.percentile(array, 99)),
            "mean_ms": float(array.mean())}


def _measure(label: str, catalog: Catalog, queries: list[str], progress) -> dict:
    """Build both indexes over a catalog and time both on the same queries."""
    progress(f"bench: {label}: building the index over {len(catalog.apps):,} apps ...")
    start = time.perf_counter()
    engine = Engine(catalog)
    build = time.perf_counter() - start
    progress(f"bench: {label}: built in {build:.2f} s; timing {len(queries):,} queries ...")
    row = {"catalog": label, "apps": len(catalog.apps), "build_s": build, **_time_queries(engine.ask, queries)}
    del engine
    gc.collect()
    progress(f"bench: {label}: building the baseline ...")
    start = time.perf_counter()
    baseline = Baseline(catalog)
    base_build = time.perf_counter() - start
    row["baseline"] = {"build_s": base_build, **_time_queries(baseline.ask, queries)}
    del baseline
    gc.collect()
    return row


def run_bench(catalog: Catalog, sizes: list[int], queries: int, progress=lambda message: None) -> dict:
    """Measure the shipped catalog and synthetic catalogs of the given sizes."""
    real = [case.query for case in load_cases(DEFAULT_EVAL)]
    shipped = (real * (queries // len(real) + 1))[:queries]
    runs = [_measure(f"shipped ({len(catalog.apps)} apps)", catalog, shipped, progress)]
    for size in sizes:
        synthetic = synthetic_catalog(size, seed=size, articles=catalog.articles)
        mixed = synthetic_queries(synthetic, queries - queries // 4, seed=size + 1) + real[: queries // 4]
        random.Random(size).shuffle(mixed)
        runs.append(_measure(f"synthetic {size:,}", synthetic, mixed, progress))
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    return {"queries": queries, "machine": machine, "runs": runs}
