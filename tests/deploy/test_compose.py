"""deploy/docker-compose.yaml runs pindesk on PostgreSQL, with its secrets from deploy/.env."""
import re
from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SECRETS = {"POSTGRES_PASSWORD", "PINDESK_ADMIN_TOKEN", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET",
           "SLACK_APP_TOKEN"}


def compose() -> dict:
    """The compose file, parsed."""
    return yaml.safe_load((DEPLOY / "docker-compose.yaml").read_text())


def test_pindesk_waits_for_a_healthy_postgres():
    services = compose()["services"]
    assert set(services) == {"pindesk", "db"}
    db, pindesk = services["db"], services["pindesk"]
    assert db["image"] == "postgres:16"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert any(volume.endswith(":/var/lib/postgresql/data") for volume in db["volumes"])
    assert db["volumes"][0].split(":")[0] in compose()["volumes"]
    assert pindesk["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert "healthcheck" not in pindesk  # the image's HEALTHCHECK on /healthz applies


def test_pindesk_is_built_from_the_dockerfile_and_published_on_8080():
    pindesk = compose()["services"]["pindesk"]
    assert (DEPLOY / pindesk["build"]["context"] / pindesk["build"]["dockerfile"]).resolve() == \
        (DEPLOY / "Dockerfile").resolve()
    assert pindesk["ports"] == ["8080:8080"]


def test_the_database_url_names_the_db_service():
    services = compose()["services"]
    url = services["pindesk"]["environment"]["PINDESK_DATABASE_URL"]
    db_env = services["db"]["environment"]
    assert url == (f"postgresql+psycopg://{db_env['POSTGRES_USER']}:${{POSTGRES_PASSWORD}}@db:5432/"
                   f"{db_env['POSTGRES_DB']}")


def test_secrets_come_from_the_env_file_and_the_example_holds_placeholders_only():
    text = (DEPLOY / "docker-compose.yaml").read_text()
    used = set(re.findall(r"\$\{(\w+)", text))
    example = dict(line.split("=", 1) for line in (DEPLOY / ".env.example").read_text().splitlines()
                   if line and not line.startswith("#"))
    assert SECRETS <= used <= set(example)
    for name in SECRETS:
        assert example[name] in ("", "change-me", "change-me-too"), name
