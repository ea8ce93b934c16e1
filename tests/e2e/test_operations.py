"""Running Starling: health and readiness, Prometheus metrics read by the official Python parser,
JSON log lines with request ids, and forwarded headers believed only from trusted proxies."""
import json
import time
import urllib.error
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

from conftest import start_server, stop_server


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def samples(base, headers=None):
    status, _, text = get(base + "/metrics", headers)
    assert status == 200
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def requests_to(values, route, status):
    return values.get(("starling_http_requests_total",
                       tuple(sorted({"route": route, "method": "GET", "status": str(status)}.items()))), 0)


def test_health_ready_and_metrics_move_with_requests(server):
    status, headers, body = get(server + "/health")
    assert status == 200 and json.loads(body) == {"status": "ok"}
    status, _, body = get(server + "/ready")
    assert status == 200 and json.loads(body)["status"] == "ready"

    before = samples(server)
    for _ in range(5):
        assert get(server + "/api/v1/instance")[0] == 200
    after = samples(server)
    assert requests_to(after, "/api/v1/instance", 200) - requests_to(before, "/api/v1/instance", 200) == 5
    histogram = ("starling_http_request_duration_seconds_count", (("method", "GET"), ("route", "/api/v1/instance")))
    assert after[histogram] - before.get(histogram, 0) == 5
    assert after[("starling_database_call_duration_seconds_count", (("kind", "read"),))] > 0
    assert ("starling_jobs_queued", (("state", "due"),)) in after


def test_json_logs_carry_the_request_id_of_each_request_and_metrics_want_their_token():
    process, url, data = start_server("--log-format", "json", "--metrics-token", "e2e-metrics-token",
                                      "--trusted-proxies", "127.0.0.1")
    try:
        status, headers, _ = get(url + "/api/v1/instance?probe=hidden", {"X-Request-Id": "e2e-trace-1"})
        assert status == 200 and headers["X-Request-Id"] == "e2e-trace-1"
        status, headers, _ = get(url + "/health", {"X-Forwarded-For": "198.51.100.23"})
        request_id = headers["X-Request-Id"]
        assert get(url + "/metrics")[0] == 401
        assert samples(url, {"Authorization": "Bearer e2e-metrics-token"})
        time.sleep(0.3)
        lines = [json.loads(line) for line in process.output if line.strip()]  # every line is JSON
        traced = [line for line in lines if line.get("request_id") == "e2e-trace-1"]
        assert traced and traced[0]["message"] == "GET /api/v1/instance 200" and traced[0]["level"] == "info"
        assert not any("hidden" in json.dumps(line) for line in lines)  # query strings (tokens may travel in them) stay out of the logs
        forwarded = next(line for line in lines if line.get("request_id") == request_id)
        assert forwarded["client"] == "198.51.100.23"
        assert any("Starling is running at" in line["message"] for line in lines)
    finally:
        stop_server(process, data)


def test_forwarded_for_from_an_untrusted_address_is_ignored(server):
    # The session's server trusts no proxy: the header changes nothing, and /metrics still sees this machine.
    status, _, _ = get(server + "/metrics", {"X-Forwarded-For": "203.0.113.50"})
    assert status == 200
