"""The app runs under the server's real Content-Security-Policy (the other browser tests
bypass it, because Playwright's wait_for_function needs eval): every violation the browser
reports while a walker logs a camera and an organiser goes through their screens fails."""

from .organiser import LAPTOP, PHONE, log_in, open_tab
from .phone import FAB

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def strict_context(browser, **options):
    context = browser.new_context(locale="fr-FR", device_scale_factor=1, **options)
    context.set_default_timeout(15_000)
    context.add_init_script(RECORD_VIOLATIONS)
    return context


def violations(page) -> list[str]:
    return page.evaluate("() => window.__csp")


def test_a_walker_logs_a_camera_with_no_policy_violation(camwalk_server, browser, photos):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = strict_context(
        browser,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        permissions=["geolocation"],
        geolocation={"latitude": 43.2951, "longitude": 5.3745, "accuracy": 6},
    )
    page = context.new_page()
    page.goto(f"{base}/join/{demo['invite_code']}")
    assert "script-src 'self'" in page.evaluate(
        "async () => (await fetch('/')).headers.get('content-security-policy')"
    )
    page.fill("#pseudonym", "csp-walker")
    page.click("button[type=submit]")
    page.click("button.walk")
    page.wait_for_selector(".leaflet-marker-pane .obs-dot", state="attached")
    page.click(FAB)
    page.wait_for_selector("form.log-form")
    page.set_input_files("#photo-close_up", str(photos / "exif-samples/jpg/gps/DSCN0010.jpg"))
    page.wait_for_selector(".thumbs img")
    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden")

    assert violations(page) == []
    context.close()


def test_the_organiser_screens_and_public_map_run_with_no_policy_violation(
    camwalk_server, browser
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = strict_context(browser, viewport=LAPTOP)
    page = context.new_page()
    log_in(page, base, demo)
    for tab in page.eval_on_selector_all(
        ".org-tab[data-tab]", "els => els.map(e => e.dataset.tab)"
    ):
        open_tab(page, tab)
        page.wait_for_timeout(300)
    page.goto(f"{base}/public/{demo['group_slug']}")
    page.wait_for_load_state("networkidle")

    assert violations(page) == []
    context.close()


def test_an_inline_script_is_blocked_and_seen_as_a_violation(camwalk_server, browser):
    context = strict_context(browser, viewport=PHONE)
    page = context.new_page()
    page.goto(camwalk_server["url"] + "/")
    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.__ran = true'; document.head.append(s); }"""
    )
    page.wait_for_timeout(200)

    assert page.evaluate("() => window.__ran === undefined")
    assert any(v.startswith("script-src") for v in violations(page))
    context.close()
