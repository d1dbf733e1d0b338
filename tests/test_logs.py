"""JSON-lines logs: one object a line, with the request's id, client, user and organisation."""

import io
import json
import logging

import pytest
from django.urls import reverse

from itaportal.logs import JsonLinesFormatter
from measures import services
from measures.rounds import round_reopen
from tests.factories import make_round_lock, make_user
from tests.people import PASSWORD, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """The portal's log lines as parsed JSON, through the formatter production uses."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLinesFormatter())
    logger = logging.getLogger("itaportal")
    logger.addHandler(handler)

    def lines():
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield lines
    logger.removeHandler(handler)


def events(lines, name):
    return [line for line in lines() if line["event"] == name]


def test_every_request_gets_an_id_that_its_response_and_its_log_line_carry(client, log_lines):
    response = client.get("/")
    (line,) = events(log_lines, "request")
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert line["status"] == 200 and line["path"] == "/" and line["method"] == "GET"
    assert line["level"] == "INFO"
    assert line["time"].endswith("+00:00")  # UTC, whatever TIME_ZONE says


def test_a_proxys_request_id_is_kept_and_a_malformed_one_replaced(client, log_lines):
    assert client.get("/", HTTP_X_REQUEST_ID="abc-123.x_Y")["X-Request-ID"] == "abc-123.x_Y"
    replaced = client.get("/", HTTP_X_REQUEST_ID='"}\n{"event": "forged"')["X-Request-ID"]
    assert len(replaced) == 32 and "forged" not in replaced
    assert [line["request_id"] for line in events(log_lines, "request")] == [
        "abc-123.x_Y",
        replaced,
    ]


def test_an_approval_is_logged_with_the_reviewer_and_the_organisation(client, log_lines):
    w = world()
    services.entry_submit(entry=w.entry, version=w.entry.version)
    w.entry.refresh_from_db()
    client.force_login(w.executive)
    url = reverse("measures:entry-review", kwargs={"slug": w.org.slug, "pk": w.entry.pk})
    client.post(url, {"decision": "approve", "version": w.entry.version})
    (line,) = events(log_lines, "entry_approved")
    assert line["entry"] == w.entry.pk
    assert line["user"] == w.executive.pk
    assert line["organisation"] == w.org.slug


def test_a_return_is_logged(log_lines):
    w = world()
    services.entry_submit(entry=w.entry, version=w.entry.version)
    w.entry.refresh_from_db()
    services.entry_return(
        entry=w.entry, version=w.entry.version, reviewer=w.executive, comment="แนบหลักฐาน"
    )
    assert events(log_lines, "entry_returned")[0]["entry"] == w.entry.pk


def test_reopening_a_round_is_logged(log_lines):
    lock = make_round_lock()
    round_reopen(plan=lock.plan, months=6, user=make_user(), reason="แก้ตัวเลข")
    (line,) = events(log_lines, "round_reopened")
    assert line["plan"] == lock.plan.pk and line["months"] == 6


def test_a_refused_action_is_logged_as_permission_denied(client, log_lines):
    w = world()
    client.force_login(w.staff)
    response = client.get(reverse("measures:plan-create", kwargs={"slug": w.org.slug}))
    assert response.status_code == 403
    (line,) = events(log_lines, "permission_denied")
    assert line["user"] == w.staff.pk and line["organisation"] == w.org.slug


def test_failed_log_ins_and_the_lockout_are_logged_with_the_username(client, log_lines):
    make_user("somchai")
    for _ in range(5):
        client.post("/accounts/login/", {"username": "somchai", "password": "wrong"})
    failures = events(log_lines, "login_failed")
    assert len(failures) == 5
    assert failures[0]["username"] == "somchai" and failures[0]["client"] == "127.0.0.1"
    assert "wrong" not in json.dumps(log_lines())
    (lockout,) = events(log_lines, "login_locked_out")
    assert lockout["username"] == "somchai"


def test_a_successful_log_in_logs_no_failure(client, log_lines):
    make_user("somsri")
    client.post("/accounts/login/", {"username": "somsri", "password": PASSWORD})
    assert events(log_lines, "login_failed") == []


def test_a_line_outside_any_request_has_no_request_fields(log_lines):
    logging.getLogger("itaportal.events").warning("backup_done")
    (line,) = log_lines()
    assert line["event"] == "backup_done" and line["level"] == "WARNING"
    assert "request_id" not in line and "client" not in line
