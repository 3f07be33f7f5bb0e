"""Static checks of the Windows installer (installer/windows): Inno Setup's compiler cannot run
on this Linux CI, so what it would reject, and what our users rely on, is checked here.

Our Vietnamese messages are compared with Inno Setup 6.4.1's own Default.isl (fetched by
scripts/bootstrap.sh): every name must exist there and keep the same placeholders.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = ROOT / "installer" / "windows"
DEFAULT_ISL = ROOT / ".cache" / "innosetup-6.4.1" / "Default.isl"


def sections(text: str) -> dict[str, list[str]]:
    """Section name → its non-comment lines (Inno's INI-like layout)."""
    found: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        stripped = line.strip()
        if re.fullmatch(r"\[[A-Za-z]+\]", stripped):
            current = stripped[1:-1]
            found[current] = []
        elif current and stripped and not stripped.startswith(";"):
            found[current].append(stripped)
    return found


def messages(path: Path) -> dict[str, str]:
    text = path.read_text("utf-8-sig")
    return dict(line.split("=", 1) for line in sections(text).get("Messages", []))


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\d|\[[a-z/]+\]", text))


@pytest.fixture(scope="module")
def script() -> str:
    return (WINDOWS / "xaso.iss").read_text("utf-8")


@pytest.fixture(scope="module")
def setup(script) -> dict[str, str]:
    return dict(line.split("=", 1) for line in sections(script)["Setup"])


def test_version_matches_the_project(script):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert re.search(rf'#define AppVersion "{re.escape(version)}"', script)


def test_supported_windows_only_and_x64(setup):
    assert setup["MinVersion"] == "10.0.17763"  # Windows 10 1809: older systems are refused
    assert setup["ArchitecturesAllowed"] == "x64compatible"
    assert setup["ArchitecturesInstallIn64BitMode"] == "x64compatible"


def test_upgrades_find_the_installed_copy(setup):
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["UsePreviousAppDir"] == "yes"


def test_the_bundle_and_icons_it_packs_are_the_ones_we_build(script):
    files = sections(script)["Files"]
    assert any(r'Source: "..\..\build\dist\xaso\*"' in line and "recursesubdirs" in line
               for line in files)
    assert (ROOT / "resources" / "icons" / "xaso.ico").is_file()
    spec = (ROOT / "installer" / "xaso.spec").read_text("utf-8")
    assert 'name="xaso"' in spec  # build\dist\xaso\xaso.exe is what the shortcuts start


def test_data_is_kept_on_upgrade_and_uninstall(script):
    parts = sections(script)
    deleted = " ".join(parts.get("UninstallDelete", []))
    assert "XaSo" not in deleted.replace(r"{app}\data-location.txt", "")
    code = script[script.index("[Code]"):]
    uninstall = code[code.index("procedure CurUninstallStepChanged"):]
    assert "UninstallSilent()" in uninstall.split("DelTree")[0]  # never in a silent uninstall
    assert "MB_DEFBUTTON2" in uninstall  # "No" (keep the data) is the default answer
    assert "uninsneveruninstall" in " ".join(parts["Dirs"])


def test_every_custom_message_exists_in_both_languages(script):
    used = set(re.findall(r"\{cm:(\w+)\}", script)) | set(
        re.findall(r"CustomMessage\('(\w+)'\)", script))
    defined = [line.split("=", 1)[0] for line in sections(script)["CustomMessages"]]
    for language in ("vi", "en"):
        assert used <= {name.split(".", 1)[1] for name in defined
                        if name.startswith(language + ".")}, language
    vi = {n.split(".", 1)[1]: v for n, v in (line.split("=", 1) for line in
          sections(script)["CustomMessages"]) if n.startswith("vi.")}
    en = {n.split(".", 1)[1]: v for n, v in (line.split("=", 1) for line in
          sections(script)["CustomMessages"]) if n.startswith("en.")}
    for name in vi:
        assert placeholders(vi[name]) == placeholders(en[name]), name


def test_check_functions_and_code_blocks_are_defined(script):
    code = script[script.index("[Code]"):]
    for name in set(re.findall(r"Check: (\w+)", script)):
        assert re.search(rf"function {name}\(\)", code), name
    words = re.findall(r"\b(begin|end)\b", re.sub(r"\{[^}]*\}|'[^']*'", "", code))
    assert words.count("begin") == words.count("end")


def test_vietnamese_is_the_first_language_and_its_file_is_utf8_with_bom(script):
    languages = sections(script)["Languages"]
    assert languages[0].startswith('Name: "vi"') and "Vietnamese.isl" in languages[0]
    raw = (WINDOWS / "Vietnamese.isl").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "LanguageID=$042A" in text and "LanguageCodePage=0" in text


def test_vietnamese_messages_match_inno_setup_names_and_placeholders():
    if not DEFAULT_ISL.is_file():
        pytest.fail(f"{DEFAULT_ISL} missing: run scripts/bootstrap.sh")
    english = messages(DEFAULT_ISL)
    ours = messages(WINDOWS / "Vietnamese.isl")
    assert len(ours) >= 80
    unknown = set(ours) - set(english)
    assert not unknown, f"not Inno Setup 6.4 message names: {sorted(unknown)}"
    for name, text in ours.items():
        assert placeholders(text) == placeholders(english[name]), name
    # The pages every install and uninstall shows are translated.
    for name in ("WelcomeLabel1", "WelcomeLabel2", "ButtonNext", "ButtonInstall", "ButtonFinish",
                 "WinVersionTooLowError", "WindowsVersionNotSupported", "ConfirmUninstall",
                 "FinishedLabel", "SelectDirDesc"):
        assert name in ours
