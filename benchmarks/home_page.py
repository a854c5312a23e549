"""Prints how fast the parent's home renders on a phone-sized Chromium, and how much JavaScript
it loads. Run against a portal serving the demo data (`make run`), e.g.:

    .venv/bin/python benchmarks/home_page.py http://localhost:3000 --runs 5
"""

from __future__ import annotations

import argparse
import statistics

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PARENT = ("marie.tremblay@example.org", "Demo-Portail-2026")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url", nargs="?", default="http://localhost:3000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        # Every run loads everything again, as a first visit on a phone would.
        context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
        page.goto(f"{args.url}/connexion")
        page.fill("#email", PARENT[0])
        page.fill("#password", PARENT[1])
        page.click("#sign-in-submit")
        page.wait_for_selector("#child-card")
        first_paint, card_visible, script_bytes = [], [], []
        for _ in range(args.runs):
            scripts: list[int] = []

            def count(response, scripts=scripts):
                if response.request.resource_type == "script" and response.status == 200:
                    scripts.append(len(response.body()))

            page.on("response", count)
            page.goto(f"{args.url}/famille", wait_until="commit")
            page.wait_for_selector("#child-card")
            timing = page.evaluate(
                "() => ({fcp: (performance.getEntriesByName('first-contentful-paint')[0]||{})"
                ".startTime, now: performance.now()})"
            )
            page.remove_listener("response", count)
            first_paint.append(timing["fcp"])
            card_visible.append(timing["now"])
            script_bytes.append(sum(scripts))
        browser.close()
    print(f"first contentful paint: median {statistics.median(first_paint):.0f} ms")
    print(
        f"children's card shown (data loaded over the websocket): "
        f"median {statistics.median(card_visible):.0f} ms"
    )
    print(f"JavaScript loaded by the page: {max(script_bytes) / 1024:.0f} KiB uncompressed")


if __name__ == "__main__":
    main()
