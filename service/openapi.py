"""The OpenAPI 3.0 description of the JSON API, served at /api/v1/openapi.json."""
from __future__ import annotations

from pindesk.desk.answering import MAX_COMMENT_CHARS, MAX_ID_CHARS
from pindesk.knowledge.answer import DEFAULT_MATCHES, MAX_MATCHES
from pindesk.knowledge.catalog import PLATFORMS
from pindesk.knowledge.detect.formats import ALL_FORMATS as LOG_FORMATS
from pindesk.knowledge.proxies import profile_ids
from pindesk.knowledge.proxy_formats import FORMATS
from pindesk.knowledge.text import MAX_QUERY_CHARS


def _ref(name: str) -> dict:
    """A reference to a schema in components."""
    return {"$ref": f"#/components/schemas/{name}"}


def _obj(required: list[str], properties: dict) -> dict:
    """A closed object schema: no properties beyond those listed."""
    return {"type": "object", "required": required, "properties": properties,
            "additionalProperties": False}


def _json(schema: dict, description: str) -> dict:
    """A response or body holding JSON of the schema."""
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _body(schema: str, description: str) -> dict:
    """A required JSON request body holding a schema of components."""
    return {"required": True, **_json(_ref(schema), description)}


def _post(operation_id: str, summary: str, body: tuple[str, str], success: tuple[str, str, str],
          errors: tuple[int, ...], **more) -> dict:
    """A path with one POST operation taking a JSON body: (schema, description) in, (status, schema,
    description) out, and the error statuses it can give."""
    status, schema, description = success
    return {"post": {"operationId": operation_id, "summary": summary, **more, "requestBody": _body(*body),
                     "responses": {status: _json(_ref(schema), description), **_errors(*errors)}}}


def _errors(*statuses: int) -> dict:
    """The error responses an operation can give, each {"error": "..."}."""
    return {str(s): {"$ref": f"#/components/responses/{ERROR_NAMES[s]}"} for s in statuses}


ERROR_NAMES = {400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound",
               405: "MethodNotAllowed", 413: "TooLarge", 415: "UnsupportedMediaType",
               429: "TooManyRequests", 503: "Unavailable"}
STR, INT, BOOL, NUM = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}, {"type": "number"}
STRS = {"type": "array", "items": STR}
PATH_ID = {"name": "id", "in": "path", "required": True, "schema": STR}
NULLABLE_STR = {"type": "string", "nullable": True}

# An app's entry, as GET /api/v1/apps/<id> gives it and as every app match carries it.
APP_FIELDS = {
    "title": STR, "vendor": STR, "category": STR, "family": STRS, "platforms": STRS, "platform_source": STR,
    "error_messages": STRS,
    "recommendation": _obj(["action", "cloud_app", "summary", "steps"], {
        "action": {"type": "string", "enum": ["cloud_app", "url_category", "one_click", "app_switch"]},
        "cloud_app": NULLABLE_STR, "summary": STR, "steps": STRS}),
    "domains": STRS, "required_domains": STRS, "optional_domains": STRS, "also_exempt_apps": STRS,
    "notes": STR, "caveats": STRS,
    "links": {"type": "array", "items": _obj(["title", "url"], {"title": STR, "url": STR})}}

PROXY = {"type": "string", "enum": ["", *profile_ids()],
         "description": "word what to do for this proxy; empty for the neutral wording (default: PINDESK_PROXY)"}
STEP = _obj(["text", "link"], {"text": STR, "link": NULLABLE_STR})
ADVICE = _obj(["proxy", "proxy_name", "app", "app_name", "object", "summary", "steps", "export", "built_in", "links"], {
    "proxy": {"type": "string", "enum": list(profile_ids())}, "proxy_name": STR, "app": STR, "app_name": STR,
    "object": STR, "summary": STR, "steps": {"type": "array", "items": STEP},
    "export": {**_obj(["format", "label", "content"], {"format": {"type": "string", "enum": list(FORMATS)},
                                                        "label": STR, "content": STR}), "nullable": True},
    "built_in": {"type": "array", "items": STEP}, "links": STRS})

SCHEMAS = {
    "Error": _obj(["error"], {"error": STR}),
    "Advice": ADVICE,
    "Reload": _obj(["version", "changed", "apps", "workers"], {
        "version": STR, "changed": BOOL, "apps": INT,
        "workers": _obj(["total", "on_version"], {"total": INT, "on_version": INT})}),
    "ReloadRefused": _obj(["error", "version"], {"error": STR, "version": STR}),
    "Export": _obj(["format", "apps", "content", "notes"], {
        "format": {"type": "string", "enum": list(FORMATS)}, "apps": STRS, "content": STR, "notes": STRS}),
    "Reason": _obj(["field", "text", "matched"], {"field": STR, "text": STR, "matched": STR}),
    "Match": {**_obj(["type", "id", "name", "score", "why"], {
        "type": {"type": "string", "enum": ["app", "article"]}, "id": STR, "name": STR,
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "why": {"type": "array", "items": _ref("Reason")}, "summary": STR, **APP_FIELDS})},
    "App": _obj(["id", "name", *APP_FIELDS], {"id": STR, "name": STR, **APP_FIELDS, "advice": _ref("Advice")}),
    "Answer": _obj(["query", "answered", "outcome", "ambiguous", "confidence", "message", "platform", "hosts",
                    "caveats", "unlisted_apps", "see_also", "tied", "matches", "catalog_version"], {
        "query": STR, "answered": BOOL, "ambiguous": BOOL,
        "outcome": {"type": "string", "enum": ["answered", "ambiguous", "abstained"]},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1}, "message": STR,
        "platform": NULLABLE_STR,
        "hosts": {"type": "array", "items": _obj(["host", "apps", "registered_domain", "home_of", "imitates"], {
            "host": STR, "apps": STRS, "registered_domain": STR, "home_of": STRS, "imitates": STRS})},
        "caveats": STRS, "unlisted_apps": STRS, "see_also": STRS,
        "tied": {"type": "integer", "minimum": 0},
        "matches": {"type": "array", "items": _ref("Match")}, "catalog_version": STR,
        "advice": {"type": "array", "items": _ref("Advice"), "description": "only when a proxy is chosen"}}),
    "AskRequest": _obj(["query"], {
        "query": {"type": "string", "maxLength": MAX_QUERY_CHARS},
        "platform": {"type": "string", "enum": list(PLATFORMS)},
        "limit": {"type": "integer", "minimum": 1, "maximum": MAX_MATCHES, "default": DEFAULT_MATCHES},
        "proxy": PROXY}),
    "Message": _obj(["message"], {"message": {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_CHARS,
                                              "description": "what the person typed, or an option's value"}}),
    "Exchange": _obj(["id", "answer", "question"], {
        "id": {"type": "string", "nullable": True,
               "description": "the conversation's id; null when the store is down and nothing was kept"},
        "answer": _ref("Answer"),
        "question": {**_obj(["text", "options"], {"text": STR, "options": {
            "type": "array", "items": _obj(["label", "value"], {"label": STR, "value": STR})}}),
            "nullable": True, "description": "what pindesk asks back; null when it asks nothing"}}),
    "Lookup": _obj(["host", "apps"], {"host": STR, "apps": {"type": "array", "items": _obj(
        ["id", "name", "rule", "kind"], {"id": STR, "name": STR, "rule": STR,
                                         "kind": {"type": "string", "enum": ["required", "note", "optional"]}})}}),
    "AppSummary": _obj(["id", "name", "title", "platforms", "domains"],
                       {"id": STR, "name": STR, "title": STR, "platforms": STRS, "domains": STRS}),
    "Article": _obj(["id", "title", "summary", "keywords", "body"],
                    {"id": STR, "title": STR, "summary": STR, "keywords": STRS, "body": STR}),
    "FeedbackRequest": _obj(["query", "helpful"], {
        "query": {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_CHARS},
        "id": {"type": "string", "maxLength": MAX_ID_CHARS, "nullable": True,
               "description": "the app or article id the answer named; null when it named none"},
        "helpful": BOOL,
        "comment": {"type": "string", "maxLength": MAX_COMMENT_CHARS, "nullable": True}}),
    "FeedbackCreated": _obj(["id"], {"id": INT}),
    "Insights": _obj(["unanswered", "helpfulness", "retention_days"], {
        "unanswered": {"type": "array", "items": _obj(["query", "count"], {"query": STR, "count": INT})},
        "helpfulness": {"type": "array", "items": _obj(["id", "type", "name", "helpful", "not_helpful"], {
            "id": STR, "type": {"type": "string", "enum": ["app", "article", "unknown"]},
            "name": NULLABLE_STR, "helpful": INT, "not_helpful": INT})},
        "retention_days": INT}),
    "Detect": {"type": "object", "required": ["summary", "sources", "hosts", "clients", "apps", "unlisted",
                                              "timeline", "bypass"], "properties": {
        "summary": {"type": "object"}, "timeline": {"type": "object"}, "unlisted": {"type": "array"},
        "apps": {"type": "array"},
        "sources": {"type": "array", "items": {"type": "object", "required": ["name", "format", "records"]}},
        "hosts": {"type": "array", "items": {"type": "object", "required": [
            "host", "apps", "verdict", "clients_failing", "clients_ok_elsewhere", "kinds", "first_seen", "last_seen"],
            "properties": {"host": STR, "apps": STRS, "clients_failing": INT, "clients_ok_elsewhere": INT,
                           "verdict": {"type": "string", "enum": ["pinned", "suspect", "client_ca_missing",
                                                                  "inconclusive"]},
                           "kinds": {"type": "object", "additionalProperties": INT},
                           "first_seen": NULLABLE_STR, "last_seen": NULLABLE_STR}}},
        "clients": {"type": "array", "items": _obj(["client", "verdict", "hosts_ok", "hosts_failed", "failures"], {
            "client": STR, "verdict": {"type": "string", "enum": ["ca_missing", "trusts_ca", "inconclusive"]},
            "hosts_ok": INT, "hosts_failed": INT, "failures": INT})},
        "bypass": {"nullable": True, **_obj(["format", "content", "notes"], {
            "format": {"type": "string", "enum": list(FORMATS)}, "content": STR, "notes": STRS})}}},
}

QUERY_PARAMS = [
    {"name": "q", "in": "query", "required": True, "description": "what the person typed",
     "schema": {"type": "string", "maxLength": MAX_QUERY_CHARS}},
    {"name": "platform", "in": "query", "schema": {"type": "string", "enum": list(PLATFORMS)}},
    {"name": "limit", "in": "query",
     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_MATCHES, "default": DEFAULT_MATCHES}},
    {"name": "proxy", "in": "query", "schema": PROXY},
]
ANSWER = {"200": _json(_ref("Answer"), "the answer, as `pindesk ask --json` prints it")}

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "pindesk", "version": "1",
             "description": "Which app breaks behind a TLS-inspecting proxy because it pins "
                            "certificates, and what to do about it."},
    "servers": [{"url": "/api/v1"}],
    "paths": {
        "/ask": {
            "get": {"operationId": "askGet", "summary": "Answer a query", "parameters": QUERY_PARAMS,
                    "responses": {**ANSWER, **_errors(400, 413)}},
            "post": {"operationId": "askPost", "summary": "Answer a query sent as JSON",
                     "requestBody": _body("AskRequest", "the query"),
                     "responses": {**ANSWER, **_errors(400, 413, 415)}},
        },
        "/conversations": _post("startConversation", "Begin a conversation: an answer, and a question back",
                                ("Message", "the first message"),
                                ("201", "Exchange", "the answer and the question, if any"), (400, 413, 415)),
        "/conversations/{id}": _post("continueConversation", "One more message in a conversation",
                                     ("Message", "a reply: typed, or an option's value"),
                                     ("200", "Exchange", "the answer and the question, if any"),
                                     (400, 404, 413, 415), parameters=[PATH_ID]),
        "/lookup": {"get": {
            "operationId": "lookup", "summary": "Which apps' domain lists cover a host or URL",
            "parameters": [{"name": "host", "in": "query", "required": True, "schema": STR}],
            "responses": {"200": _json(_ref("Lookup"), "the host and the apps covering it"),
                          **_errors(400, 413)}}},
        "/export": {"get": {
            "operationId": "export", "summary": "The bypass change for apps, in a proxy's own format",
            "parameters": [
                {"name": "apps", "in": "query", "required": True, "schema": STR,
                 "description": "app ids (or names without commas), comma-separated; may repeat"},
                {"name": "format", "in": "query", "required": True,
                 "schema": {"type": "string", "enum": list(FORMATS)}},
                {"name": "include_optional", "in": "query", "required": False,
                 "schema": {"type": "string", "enum": ["true", "false", "1", "0"]}},
                {"name": "name", "in": "query", "required": False, "schema": STR,
                 "description": "the category or rule name to use"}],
            "responses": {"200": _json(_ref("Export"), "the export and remarks for whoever applies it"),
                          **_errors(400, 404)}}},
        "/detect": {"post": {
            "operationId": "detect", "summary": "Pinned apps found in a proxy log or capture (pindesk detect --json)",
            "security": [{"adminToken": []}],
            "parameters": [
                {"name": "format", "in": "query", "schema": {"type": "string", "enum": list(FORMATS)},
                 "description": "export format of the bypass change (default txt)"},
                {"name": "min_clients", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 2}},
                {"name": "since", "in": "query", "schema": STR,
                 "description": "2026-11-27, 2026-11-27T08:00 (UTC) or an age: 90m, 24h, 7d"},
                {"name": "log_format", "in": "query", "schema": {"type": "string", "enum": list(LOG_FORMATS)}},
                {"name": "include_suspect", "in": "query",
                 "schema": {"type": "string", "enum": ["true", "false", "1", "0"]}}],
            "requestBody": {"required": True, "description": "the log or capture (gzip as it is), up to "
                            "PINDESK_DETECT_MAX_MB; or multipart fields named 'file'", "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
                "text/plain": {"schema": STR},
                "multipart/form-data": {"schema": {"type": "object", "properties": {
                    "file": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}},
            "responses": {"200": _json(_ref("Detect"), "the report and the bypass change"),
                          **_errors(400, 401, 403, 413)}}},
        "/apps": {"get": {
            "operationId": "listApps", "summary": "The apps in the catalog",
            "responses": {"200": _json({"type": "array", "items": _ref("AppSummary")}, "every app")}}},
        "/apps/{id}": {"get": {
            "operationId": "getApp", "summary": "One app: what to do, domains, caveats",
            "parameters": [PATH_ID,
                           {"name": "proxy", "in": "query", "schema": PROXY}],
            "responses": {"200": _json(_ref("App"), "the app"), **_errors(400, 404)}}},
        "/articles/{id}": {"get": {
            "operationId": "getArticle", "summary": "One article on pinning",
            "parameters": [PATH_ID],
            "responses": {"200": _json(_ref("Article"), "the article"), **_errors(404)}}},
        "/feedback": _post("postFeedback", "Say whether an answer helped", ("FeedbackRequest", "the feedback"),
                           ("201", "FeedbackCreated", "stored"), (400, 413, 415, 503)),
        "/admin/reload": {"post": {
            "operationId": "reloadCatalog", "summary": "Rebuild the index from the catalog file now",
            "security": [{"adminToken": []}],
            "responses": {"200": _json(_ref("Reload"), "the version now in service"),
                          "422": _json(_ref("ReloadRefused"), "the catalog failed validation; the old one serves"),
                          **_errors(401, 403)}}},
        "/insights": {"get": {
            "operationId": "getInsights", "summary": "Unanswered queries and helpfulness per answer",
            "security": [{"adminToken": []}],
            "responses": {"200": _json(_ref("Insights"), "the insights"), **_errors(401, 403, 503)}}},
        "/openapi.json": {"get": {
            "operationId": "getOpenapi", "summary": "This document",
            "responses": {"200": _json({"type": "object"}, "the OpenAPI document")}}},
    },
    "components": {
        "schemas": SCHEMAS,
        "responses": {name: _json(_ref("Error"), name) for name in ERROR_NAMES.values()},
        "securitySchemes": {"adminToken": {"type": "http", "scheme": "bearer",
                                           "description": "PINDESK_ADMIN_TOKEN"}},
    },
}

# Every operation is under the per-client rate limit (service.ratelimit): 429 with Retry-After.
for _operations in SPEC["paths"].values():
    for _operation in _operations.values():
        _operation["responses"].update(_errors(429))
SPEC["components"]["responses"]["TooManyRequests"]["headers"] = {"Retry-After": {
    "description": "seconds until the client's window resets", "schema": {"type": "integer", "minimum": 1}}}
