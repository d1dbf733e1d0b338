"""A day at the portal under load, for Locust (bench/load_mixed.py starts it).

The demo organisation (load_demo) in today's fiscal year:
- staff record progress: open งานของฉัน, open a measure's entry form, save a draft entry;
- executives read: their dashboard, the measure list, the review queue;
- the public reads: the home page, the organisation's page, and downloads last year's
  published PDFs (checked against their SHA-256 by the portal on every read).
Weights 2 : 1 : 4 (requests are mostly public reads; every staff save is a database write).
"""

import re
from datetime import date

from locust import HttpUser, between, task

SLUG = "thungdaoruang"
PASSWORD = "ita-demo-2566"  # noqa: S105 - the demo password the README gives
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# A measure's page, as งานของฉัน links the measures of this fiscal year (their units' ones).
MEASURE = re.compile(rf"/manage/{SLUG}/measures/(\d+)/[\"#]")


def fiscal_year_be(today):
    return today.year + 543 + (1 if today.month >= 10 else 0)


def csrf_of(response):
    found = CSRF.search(response.text)
    if not found:
        response.failure("no CSRF token on the page")
        return ""
    return found.group(1)


class Member(HttpUser):
    abstract = True
    username = ""

    def on_start(self):
        with self.client.get("/accounts/login/", name="login form", catch_response=True) as page:
            token = csrf_of(page)
        with self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="login",
            catch_response=True,
        ) as response:
            if "/accounts/login/" in response.url:
                response.failure("login refused")


class Staff(Member):
    weight = 2
    wait_time = between(2, 6)
    username = "staff.finance"

    def on_start(self):
        super().on_start()
        with self.client.get("/my-work/", name="my work", catch_response=True) as page:
            self.measures = list(dict.fromkeys(MEASURE.findall(page.text)))
            if not self.measures:
                page.failure("no measure to record progress on")

    @task(3)
    def my_work(self):
        self.client.get("/my-work/", name="my work")

    @task(2)
    def record_progress(self):
        if not self.measures:
            return
        measure = self.measures[0]
        url = f"/manage/{SLUG}/measures/{measure}/entries/new/"
        with self.client.get(url, name="entry form", catch_response=True) as form:
            token = csrf_of(form)
        today = date.today()
        with self.client.post(
            url,
            {
                "csrfmiddlewaretoken": token,
                "done_on": f"{today.day}/{today.month}/{today.year + 543}",
                "description": "ประชุมชี้แจงบุคลากร ครั้งที่ ๒ (บันทึกระหว่างทดสอบภาระ)",
                "status": "in_progress",
                "percent": "40",
                "links-TOTAL_FORMS": "0",
                "links-INITIAL_FORMS": "0",
                "links-MIN_NUM_FORMS": "0",
                "links-MAX_NUM_FORMS": "1000",
            },
            name="save entry",
            catch_response=True,
        ) as saved:
            # A saved entry redirects to the measure; the form again means it was refused.
            if saved.url.endswith("/entries/new/"):
                saved.failure("the entry was not saved")


class Executive(Member):
    weight = 1
    wait_time = between(2, 6)
    username = "executive"

    @task(3)
    def dashboard(self):
        self.client.get(f"/manage/{SLUG}/dashboard/", name="dashboard")

    @task(2)
    def measure_list(self):
        self.client.get(f"/manage/{SLUG}/measures/", name="measure list")

    @task(1)
    def review_queue(self):
        self.client.get(f"/manage/{SLUG}/review/", name="review queue")


class Public(HttpUser):
    weight = 4
    wait_time = between(1, 4)

    def on_start(self):
        self.last_year = fiscal_year_be(date.today()) - 1

    @task(2)
    def home(self):
        self.client.get("/", name="home")

    @task(3)
    def organisation(self):
        self.client.get(f"/{SLUG}/", name="organisation page")

    @task(3)
    def measures_pdf(self):
        self.client.get(f"/{SLUG}/{self.last_year}/measures.pdf", name="published PDF")

    @task(1)
    def report_pdf(self):
        self.client.get(f"/{SLUG}/{self.last_year}/progress-12.pdf", name="published PDF")
