"""The hub dashboard in a real browser: headless Debian Chromium driven by Selenium (the
system chromedriver, so Selenium Manager never downloads anything). Log in through the form,
see the seeded figures, download the .xlsx. Screenshots go to the test's tmp folder."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.hub.dashboard_seed import MONTH, PASSWORD, C, add_users, check_workbook, seed_reports
from tests.hub.helpers import A, B

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
pytestmark = [
    pytest.mark.skipif(not (CHROMIUM.exists() and DRIVER.exists()),
                       reason="Debian chromium and chromium-driver are not installed"),
    pytest.mark.parametrize("db_url", ["sqlite"], indirect=True),
]


@pytest.fixture
def browser(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1400,1000", "--lang=vi", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        "safebrowsing.enabled": False})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.implicitly_wait(5)
    driver.downloads = downloads
    yield driver
    driver.quit()
    shutil.rmtree(tmp_path / "profile", ignore_errors=True)


def _text(driver, css: str) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, css).text.strip()


def _navigated(driver, test) -> None:
    """Wait for the page a click asked for (find_element could still see the old one)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 15).until(lambda d: test(d.current_url))


def _wait_for_file(folder: Path, suffix: str, seconds: float = 20) -> Path:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.name.endswith(suffix)]
        if done and not any(p.name.endswith(".crdownload") for p in folder.iterdir()):
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} downloaded: {list(folder.iterdir())}")


def test_log_in_see_the_figures_and_download_the_report(hub, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    seed_reports(hub)
    add_users(hub)
    browser.get(hub.url + "/dashboard/")
    assert browser.current_url.endswith("/dashboard/login")
    browser.find_element(By.ID, "username").send_keys("tinh")
    browser.find_element(By.ID, "password").send_keys("sai-mat-khau-99")
    browser.find_element(By.ID, "login").click()
    _navigated(browser, lambda url: url.endswith("/dashboard/login"))
    assert _text(browser, "#error") == "Sai tên đăng nhập hoặc mật khẩu."
    browser.save_screenshot(str(tmp_path / "1-login-error.png"))
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.ID, "login").click()
    _navigated(browser, lambda url: url.endswith("/dashboard/"))
    assert "tinh" in _text(browser, "#who")
    assert _text(browser, f"#c-{A} td.value") == "62,5 %"
    assert _text(browser, f"#c-{B} td.value") == "75,0 %"
    assert _text(browser, f"#c-{A} td.pending") == "3"
    assert _text(browser, "#headline-value") == "72,9 %"
    # the stylesheet loaded from the hub itself (CSP default-src 'self')
    header = browser.find_element(By.CSS_SELECTOR, "header.top")
    assert header.value_of_css_property("background-color") == "rgba(31, 78, 121, 1)"
    browser.save_screenshot(str(tmp_path / "2-overview.png"))

    browser.find_element(By.LINK_TEXT, "Báo cáo tỉnh").click()
    _navigated(browser, lambda url: url.endswith("/dashboard/report"))
    Select(browser.find_element(By.ID, "period")).select_by_value(MONTH)
    browser.find_element(By.CSS_SELECTOR, "form.period button").click()
    _navigated(browser, lambda url: url.endswith(f"/dashboard/report?period={MONTH}"))
    assert _text(browser, "#period-key") == MONTH
    assert _text(browser, "#t-vneid_coverage_14 td.value") == "72,9 %"
    assert _text(browser, "#t-vneid_activated td.cumulative") == "30"
    assert _text(browser, "#t-collection_held td.value") == "1/2"
    assert _text(browser, "#reporting") == "2/3"
    assert C in _text(browser, "#missing")
    browser.save_screenshot(str(tmp_path / "3-report.png"))

    browser.find_element(By.ID, "download").click()
    check_workbook(_wait_for_file(browser.downloads, ".xlsx").read_bytes())

    browser.find_element(By.LINK_TEXT, "English").click()
    _navigated(browser, lambda url: "lang=en" in url)
    assert _text(browser, "#t-vneid_coverage_14 td.value") == "72.9 %"
    browser.find_element(By.ID, "logout").click()
    _navigated(browser, lambda url: url.endswith("/dashboard/login"))
    browser.get(hub.url + "/dashboard/report")
    assert browser.current_url.endswith("/dashboard/login")
