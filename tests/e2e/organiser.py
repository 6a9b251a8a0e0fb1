"""Steps an organiser takes in the browser, and the API calls tests use to set the scene."""

import requests

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def api(base: str, token: str, method: str, path: str, **kwargs):
    r = requests.request(
        method,
        f"{base}/api/v1{path}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=20,
        **kwargs,
    )
    r.raise_for_status()
    return r.json() if r.content and "json" in r.headers.get("Content-Type", "") else r


def organiser_context(browser, viewport=LAPTOP):
    ctx = browser.new_context(
        viewport=viewport,
        device_scale_factor=1,
        locale="fr-FR",
        bypass_csp=True,
        accept_downloads=True,
    )
    ctx.set_default_timeout(15_000)
    return ctx


def log_in(page, base: str, demo: dict) -> None:
    """Logs in through the welcome screen's organiser link and opens the organiser space."""
    page.goto(f"{base}/")
    page.click("text=Je suis organisateur·rice")
    page.fill("#group", demo["group_slug"])
    page.fill("#login-pseudonym", demo["organiser_pseudonym"])
    page.fill("#password", demo["organiser_password"])
    page.click("button[type=submit]")
    page.wait_for_selector("button.org-open")
    page.click("button.org-open")
    page.wait_for_selector(".org-tabs")


def open_tab(page, name: str) -> None:
    page.click(f".org-tab[data-tab={name}]")
    page.wait_for_selector(f".org-tab.is-current[data-tab={name}]")


def shoot_both(page, screenshot, name: str) -> None:
    """Saves the current screen at laptop and phone size (the layout reflows, no reload)."""
    page.set_viewport_size(LAPTOP)
    page.wait_for_timeout(300)  # lets Leaflet redraw at the new size; not an assertion
    screenshot(page, f"org-{name}-1280")
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(300)
    screenshot(page, f"org-{name}-390", full_page=True)
    page.set_viewport_size(LAPTOP)
