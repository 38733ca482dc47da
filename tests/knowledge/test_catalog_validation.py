"""Loading refuses a broken catalog with one line naming file, record and field."""
import pytest
import yaml

from pindesk.knowledge.catalog import DEFAULT_CATALOG, load_catalog
from pindesk.knowledge.errors import CatalogError, NotFound


@pytest.fixture
def records():
    """The shipped catalog's records, to break one at a time."""
    return yaml.safe_load(DEFAULT_CATALOG.read_text())["apps"]


def write(tmp_path, apps):
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump({"apps": apps}))
    return path


def load_error(path) -> str:
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_duplicate_id(tmp_path, records):
    records[5]["id"] = records[2]["id"]
    message = load_error(write(tmp_path, records))
    assert "catalog.yaml" in message and "apps[5]" in message and "'id'" in message and "duplicate" in message


def test_unknown_field(tmp_path, records):
    records[3]["colour"] = "blue"
    message = load_error(write(tmp_path, records))
    assert "apps[3]" in message and records[3]["id"] in message and "unknown field 'colour'" in message


def test_malformed_domain(tmp_path, records):
    records[0]["domains"] = [".acrobat..com"]
    message = load_error(write(tmp_path, records))
    assert "apps[0]" in message and "'domains'" in message and ".acrobat..com" in message


def test_upper_case_domain_is_malformed(tmp_path, records):
    records[0]["domains"] = ["Get.Adobe.com"]
    assert "malformed domain" in load_error(write(tmp_path, records))


@pytest.mark.parametrize("domain", ["api.twitter.com", ".twitter.com", "com", "Twitter.com", "co.uk"])
def test_home_domain_must_be_a_registered_domain(tmp_path, records, domain):
    records[4]["home_domains"] = [domain]
    message = load_error(write(tmp_path, records))
    assert "apps[4]" in message and "'home_domains'" in message and "not a registered domain" in message


def test_description_fields_are_text(tmp_path, records):
    records[2]["known_as"] = "the bird app"
    assert "field 'known_as': expected a list" in load_error(write(tmp_path, records))


def test_description_fields_are_optional(tmp_path, records):
    for field in ("category", "makers", "family", "known_as", "icon", "home_domains"):
        records[0].pop(field, None)
    app = load_catalog(write(tmp_path, records)).apps[0]
    assert app.category == "" and app.family == () and app.home_domains == () and app.icon is None


def test_every_shipped_app_says_what_it_is_and_who_makes_it(catalog):
    for app in catalog.apps:
        assert app.category and app.makers, app.id
    assert "twitter.com" in catalog.find("X").home_domains and "netflix.com" in catalog.find("Netflix").home_domains
    assert "Outlook" in catalog.find("Microsoft 365").family
    assert "Overwatch" in catalog.find("Blizzard").family and "Lightroom" in catalog.find("Creative Cloud").family


def test_missing_name(tmp_path, records):
    del records[7]["name"]
    message = load_error(write(tmp_path, records))
    assert "apps[7]" in message and "missing field 'name'" in message


def test_unknown_platform(tmp_path, records):
    records[1]["platforms"] = ["linux"]
    assert "unknown platform 'linux'" in load_error(write(tmp_path, records))


def test_not_yaml(tmp_path):
    path = tmp_path / "catalog.yaml"
    path.write_text("apps: [\n  - id: x\n    name: {broken")
    assert "not valid YAML" in load_error(path)


def test_missing_file(tmp_path):
    assert "not found" in load_error(tmp_path / "nowhere.yaml")


def test_find_by_id_name_and_alias(catalog):
    assert catalog.find("netflix").name == "Netflix"
    assert catalog.find("  google - shared services, drive, etc. ").id == "google-shared-services"
    assert catalog.find("Twitter").name == "X"
    with pytest.raises(NotFound):
        catalog.find("WhatsApp")
