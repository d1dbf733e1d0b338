"""Weight and largest contentful paint of the public pages on a phone.

    .venv/bin/python bench/phone_speed.py [--runs 5] [--screenshots DIR] [--detail]

Starts the production server (bench/scratch_server.py: gunicorn, DEBUG=0, collectstatic) on a
scratch SQLite database with the demo, and loads the home page and the demo organisation's page in
Debian's Chromium through Playwright under Lighthouse's mobile conditions: a 390 px wide phone
screen, 150 ms round trip, 1.6 Mbit/s down and 750 kbit/s up (CDP
Network.emulateNetworkConditions), the CPU 4× slower (Emulation.setCPUThrottlingRate). Each run
is a new browser context (an empty cache). Prints, per page, the median of the runs of the bytes
transferred (CDP's encodedDataLength: compressed bodies and headers) and of the largest
contentful paint (PerformanceObserver). Target: under 150 KiB and 1.5 s.
"""

import argparse
import contextlib
import statistics
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scratch_server import production_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {"home page": "/", "organisation page": "/thungdaoruang/"}
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}
TARGET_KIB, TARGET_LCP_MS = 150, 1500
LCP_SCRIPT = """() => new Promise(resolve => {
  new PerformanceObserver(list => {
    const entries = list.getEntries();
    const last = entries[entries.length - 1];
    const element = last.element
      ? last.element.tagName + " " + last.element.textContent.trim() : "";
    resolve([last.startTime, element.slice(0, 40)]);
  }).observe({type: "largest-contentful-paint", buffered: true});
})"""


def load_once(browser, url, screenshot=None):
    """(bytes transferred, LCP in ms, {url: bytes}) of one cold load."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        locale="th-TH",
    )
    context.set_default_timeout(120_000)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    urls, sizes = {}, {}
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(
            urls.get(e["requestId"], e["requestId"]), e["encodedDataLength"]
        ),
    )
    page.goto(url, wait_until="load")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    lcp, element = page.evaluate(LCP_SCRIPT)
    if screenshot:
        page.screenshot(path=str(screenshot), full_page=True)
    context.close()
    sizes[f"(largest contentful paint: {element})"] = 0
    return sum(sizes.values()), lcp, sizes


def measure(browser, servers, runs, screenshots, detail):
    """{(server name, page name): (median KiB, median LCP ms)}; the servers take turns, run by
    run, so that whatever else the machine is doing weighs on each alike."""
    weights, paints = defaultdict(list), defaultdict(list)
    for run in range(runs):
        for name, path in PAGES.items():
            for label, base in servers.items():
                shot = None
                if screenshots and run == 0:
                    screenshots.mkdir(parents=True, exist_ok=True)
                    shot = screenshots / f"{label}-{path.strip('/') or 'home'}.png"
                weight, lcp, sizes = load_once(browser, base + path, shot)
                weights[label, name].append(weight)
                paints[label, name].append(lcp)
                if detail and run == 0:
                    print(f"{label}, {name}:")
                    for url, size in sorted(sizes.items(), key=lambda item: -item[1]):
                        print(f"    {size / 1024:7.1f} KiB  {url.removeprefix(base)[:70]}")
    for key, values in paints.items():
        print(f"{key[0]}, {key[1]}: LCP of each run {', '.join(f'{v:.0f}' for v in values)} ms")
    return {
        key: (statistics.median(weights[key]) / 1024, statistics.median(paints[key]))
        for key in weights
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--baseline",
        type=Path,
        help="also serve this checkout (e.g. `git archive COMMIT | tar -x -C DIR`), in turns",
    )
    parser.add_argument("--screenshots", type=Path, help="save each page's first load as PNG here")
    parser.add_argument("--detail", action="store_true", help="bytes of each file of a load")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with contextlib.ExitStack() as stack:
        servers = {}
        if args.baseline:
            servers["baseline"] = stack.enter_context(production_server(root=args.baseline))[0]
        servers["this checkout"] = stack.enter_context(production_server())[0]
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for base in servers.values():  # each server's first requests (imports, caches) untimed
            load_once(browser, base + "/")
        results = measure(browser, servers, args.runs, args.screenshots, args.detail)
        browser.close()
    print(
        f"\n| page | served | transferred (KiB) | LCP (ms) "
        f"| target met (< {TARGET_KIB} KiB, < {TARGET_LCP_MS} ms) |"
    )
    print("|---|---|---:|---:|---|")
    for (label, name), (kib, lcp) in results.items():
        met = "yes" if kib < TARGET_KIB and lcp < TARGET_LCP_MS else "no"
        print(f"| {name} `{PAGES[name]}` | {label} | {kib:.1f} | {lcp:.0f} | {met} |")


if __name__ == "__main__":
    main()
