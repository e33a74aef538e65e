"""The OpenAPI schema: warning-free, precise about parameters and errors; docs without a CDN."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

CDN_HOSTS = ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com", "fonts.googleapis.com")


@pytest.fixture
def schema(client) -> dict:
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return json.loads(response.content)


def _params(schema, path, method="get") -> dict[str, dict]:
    return {p["name"]: p for p in schema["paths"][path][method].get("parameters", [])}


def test_schema_generates_without_warnings_and_validates(tmp_path):
    # --fail-on-warn turns every drf-spectacular warning or error into a failure.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
    )

    assert (tmp_path / "schema.yml").read_text().startswith("openapi: 3.0.3")


def test_schema_lists_every_operation(schema):
    operations = sorted(
        f"{method.upper()} {path}" for path, item in schema["paths"].items() for method in item
    )

    assert operations == [
        "DELETE /api/v1/department/exhibits/{id}/images/{image_id}/",
        "GET /api/v1/awards/",
        "GET /api/v1/booths/",
        "GET /api/v1/demonstrations/",
        "GET /api/v1/department/exhibits/",
        "GET /api/v1/department/exhibits/{id}/",
        "GET /api/v1/departments/",
        "GET /api/v1/editions/",
        "GET /api/v1/exhibits/",
        "GET /api/v1/exhibits/{slug}/",
        "GET /api/v1/floor-plan/",
        "GET /api/v1/review/exhibits/",
        "GET /api/v1/review/exhibits/{id}/",
        "GET /api/v1/zones/",
        "PATCH /api/v1/department/exhibits/{id}/",
        "POST /api/v1/department/exhibits/",
        "POST /api/v1/department/exhibits/{id}/images/",
        "POST /api/v1/department/exhibits/{id}/reopen/",
        "POST /api/v1/department/exhibits/{id}/resubmit/",
        "POST /api/v1/department/exhibits/{id}/submit/",
        "POST /api/v1/department/exhibits/{id}/withdraw/",
        "POST /api/v1/review/exhibits/{id}/approve/",
        "POST /api/v1/review/exhibits/{id}/decline/",
        "POST /api/v1/review/exhibits/{id}/publish/",
        "POST /api/v1/review/exhibits/{id}/reopen/",
        "POST /api/v1/review/exhibits/{id}/request-changes/",
        "POST /api/v1/review/exhibits/{id}/start-review/",
        "POST /api/v1/review/exhibits/{id}/unpublish/",
    ]


def test_schema_exhibit_filters_are_typed_precisely(schema):
    params = _params(schema, "/api/v1/exhibits/")

    assert params["zone"]["schema"] == {
        "type": "array",
        "maxItems": 20,
        "items": {"type": "string", "maxLength": 80, "pattern": "^[^,\\u0000]*$"},
    }
    assert params["zone"]["explode"] is True
    for slug_filter in ("department", "technology", "award", "edition"):
        assert params[slug_filter]["schema"]["type"] == "string"
        assert "enum" not in params[slug_filter]["schema"]
    assert params["awarded"]["schema"] == {"type": "boolean"}
    assert params["ordering"]["schema"]["enum"] == ["zone", "title", "-title", "newest"]
    assert params["lang"]["schema"]["enum"] == ["en", "zh-hant", "zh-hans", "all"]
    assert params["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100}
    assert params["page"]["schema"]["minimum"] == 1
    assert params["q"]["schema"]["maxLength"] == 100


def test_schema_public_list_documents_conditional_get_errors_and_throttling(schema):
    responses = schema["paths"]["/api/v1/exhibits/"]["get"]["responses"]

    assert sorted(responses) == ["200", "304", "400", "401", "404", "429"]
    assert "ETag" in responses["200"]["headers"]
    assert responses["429"]["headers"]["Retry-After"]["schema"]["type"] == "integer"
    assert responses["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ValidationError"
    }


def test_schema_write_operations_document_every_refusal(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method == "get":
                continue
            assert {"400", "401", "403", "404", "409", "429"} <= set(operation["responses"]), (
                f"{method} {path}"
            )


def test_schema_patch_requires_the_version(schema):
    body = schema["paths"]["/api/v1/department/exhibits/{id}/"]["patch"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]

    assert schema["components"]["schemas"][ref]["required"] == ["version"]


def test_schema_image_upload_is_multipart_with_image_types(schema):
    body = schema["paths"]["/api/v1/department/exhibits/{id}/images/"]["post"]["requestBody"]
    multipart = body["content"]["multipart/form-data"]

    assert multipart["encoding"] == {"image": {"contentType": "image/jpeg, image/png, image/webp"}}


def test_schema_declares_the_bearer_token(schema):
    assert schema["components"]["securitySchemes"]["personalToken"]["scheme"] == "bearer"
    department = schema["paths"]["/api/v1/department/exhibits/"]["get"]
    public = schema["paths"]["/api/v1/exhibits/"]["get"]
    assert department["security"] == [{"personalToken": []}]
    assert public["security"] == [{"personalToken": []}, {}]


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_without_a_cdn(client, path):
    response = client.get(path)
    page = response.content.decode()

    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/" in page
    assert not any(host in page for host in CDN_HOSTS)
