"""schemathesis against the live hub's /openapi.json: no 5xx, answers conform to the schema.

Every operation is fuzzed with schema-valid and schema-invalid requests. Requests to the
signed endpoints are signed by a real enrolled device (after schemathesis built them), so the
fuzzing reaches the code behind authentication, not only the 401.
"""

from __future__ import annotations

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sync.protocol.requests import sign_request
from tests.hub.helpers import A

EXAMPLES = 25  # per operation and mode: the whole module stays well under a minute
CHECKS = [schemathesis.checks.not_a_server_error, status_code_conformance,
          content_type_conformance, response_headers_conformance, response_schema_conformance]
SIGNED = {"/v1/pull", "/v1/attachments/{sha256}", "/v1/attachments/{sha256}/content",
          "/v1/report"}


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_openapi_schema_holds_under_fuzzing(hub):
    dev = hub.device(A)
    dev.statuses(dev.batch(*(dev.op() for _ in range(3))))  # something to pull
    schema = schemathesis.openapi.from_url(hub.url + "/openapi.json")
    session = requests.Session()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} == {
        "/v1/hello", "/v1/enroll", "/v1/push", "/v1/pull", "/v1/attachments/{sha256}",
        "/v1/attachments/{sha256}/content", "/v1/report", "/v1/updates/manifest",
        "/v1/updates/files/{name}"}

    def send(case):
        kwargs = case.as_transport_kwargs(base_url=hub.url)
        request = requests.Request(
            method=kwargs["method"], url=kwargs["url"], headers=kwargs.get("headers"),
            params=kwargs.get("params"), data=kwargs.get("data"), json=kwargs.get("json"),
            cookies=kwargs.get("cookies")).prepare()
        if case.operation.path in SIGNED:
            body = request.body or b""
            body = body.encode("utf-8") if isinstance(body, str) else body
            request.headers.update(sign_request(dev.key, dev.device_id, request.method,
                                                request.path_url, body))
        response = session.send(request, timeout=30)
        case.validate_response(response, checks=CHECKS)

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @settings(max_examples=EXAMPLES, deadline=None, database=None,
                      phases=[Phase.explicit, Phase.generate],
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def fuzz(case):
                send(case)

            try:
                fuzz()
            except Unsatisfiable:
                # nothing to make invalid: hello and the update manifest take no input, push
                # takes any bytes
                assert mode is GenerationMode.NEGATIVE
                assert operation.path in ("/v1/hello", "/v1/push", "/v1/updates/manifest")

