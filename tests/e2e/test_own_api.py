"""Starling's own API against its served OpenAPI document, fuzzed by schemathesis from PyPI."""
import os
import subprocess
import sys

import pytest

from conftest import BINARY, start_server, stop_server


@pytest.fixture(scope="module")
def unlimited_server():
    """A server of its own with a rate limit high enough for fuzzing (the shared one keeps the default)."""
    process, url, data = start_server("--api-rate-limit", "10000000")
    yield url, data
    stop_server(process, data)


def test_schemathesis_finds_no_server_error_and_no_response_outside_the_schema(unlimited_server):
    url, data = unlimited_server
    token = subprocess.run([BINARY, "admin", "token", "ada", "--data", data, "--scopes", "read write"],
                           check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    schemathesis = os.path.join(os.path.dirname(sys.executable), "schemathesis")
    result = subprocess.run(
        [schemathesis, "run", url + "/api/starling/openapi.json", "-H", f"Authorization: Bearer {token}",
         "--checks", "not_a_server_error,response_schema_conformance,content_type_conformance",
         "--max-examples", "25", "--seed", "20261121"],
        capture_output=True, text=True, timeout=900, cwd=data)  # its cache stays out of the repository
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "generated" in result.stdout and " 0 passed" not in result.stdout
