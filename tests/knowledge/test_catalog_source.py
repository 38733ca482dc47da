"""The catalog against the source table: names, platforms, errors, and domains split right."""
import csv
from pathlib import Path

import pytest

from pindesk.knowledge.catalog import PLATFORMS

DATA = Path(__file__).parent / "data" / "source_table.tsv"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "sources" / \
    "zscaler-certificate-pinning-and-ssl-inspection.md"
HANGOUTS_OPTIONAL = "Optional:"
HANGOUTS_APPS = "If Hangouts still doesn't work, also add these Apps to SSL bypass:"


def source_rows():
    """The table's Name, Platform, Domains and Error Message cells, one dict per app."""
    with DATA.open(newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))


ROWS = source_rows()


def test_the_fixture_is_the_shared_table():
    """The facts kept in the repo are the source table's, cell for cell, where the source is at hand."""
    if not SHARED.exists():
        pytest.skip("shared/sources is not beside this checkout")
    table = [line.strip().strip("|").split(" | ") for line in SHARED.read_text().splitlines()
             if line.startswith("| ") and not line.startswith(("| Name", "| ----"))]
    assert [[c.strip() for c in row[:4]] for row in table] == \
        [[r["name"], r["platform"], r["domains"], r["error_message"]] for r in ROWS]


def test_every_row_is_one_app_with_the_tables_name(catalog):
    assert [app.name for app in catalog.apps] == [row["name"] for row in ROWS]
    assert len(catalog.apps) == 46


@pytest.mark.parametrize("row", ROWS, ids=[r["name"] for r in ROWS])
def test_domains_join_back_to_the_cell(catalog, row):
    """Split entries joined back give the table's Domains cell character for character."""
    app = next(a for a in catalog.apps if a.name == row["name"])
    cell = row["domains"]
    if cell == "N/A":
        assert app.domains == ()
    elif cell.startswith("Minimum:"):
        rebuilt = ("Minimum:" + "".join(app.domains) + HANGOUTS_OPTIONAL + "".join(app.optional_domains)
                   + HANGOUTS_APPS + "".join(app.also_exempt_apps))
        assert rebuilt == cell
    else:
        assert "".join(app.domains) == cell


@pytest.mark.parametrize("row", ROWS, ids=[r["name"] for r in ROWS])
def test_platform_and_error_text_carry_over(catalog, row):
    app = next(a for a in catalog.apps if a.name == row["name"])
    assert app.platform_source == row["platform"]
    assert set(app.platforms) <= set(PLATFORMS)
    if row["error_message"] in ("N/A", "No error"):
        assert app.error_messages == ()
    else:
        assert app.error_messages == (row["error_message"],)


def test_domains_named_only_in_a_note_belong_to_the_app(catalog):
    people_graph = catalog.find("People Graph")
    assert ".oaspapps.com" in people_graph.exempt_domains
    assert catalog.domain_index.lookup("login.oaspapps.com")[0].rule.app_id == people_graph.id


def test_every_app_says_what_to_do_in_its_own_words(catalog):
    for app in catalog.apps:
        assert app.symptoms and app.aliases and app.notes
        assert app.recommendation.summary and app.recommendation.steps
        if app.recommendation.action == "url_category":
            assert app.exempt_domains, app.id
