#!/usr/bin/env python3
"""Opens every page kind of a built qcsite site in headless Chromium at a phone and a desktop
width, runs axe-core on each, and measures the tap targets.

Usage: page_check.py --axe AXE_JS --page NAME=URL [--page NAME=URL ...] [--screenshots DIR]

A page fails on any axe-core violation, and on any visible target smaller than its minimum:
44 px tall and wide for the navigation, buttons, year tabs, filter chips and links that are a
whole card (WCAG 2.5.5), 24 px for every other link, button or field (WCAG 2.5.8), except links
inside running text (the "inline" exception). Exit 1 with every failure listed.
"""
import argparse
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

WIDTHS = (390, 1280)

# Targets that must be 44 px: the header navigation, buttons, year tabs, filter chips, and links
# that stand for a whole card or list item.
LARGE = ", ".join([
    ".site-nav a", ".button", "button", ".year-tabs a", ".chip", ".notice-list a",
    ".search-row input",
])

# Measured in the page: every visible link, button, field and chip label, with its size and
# whether it sits inside running text (a sentence with other words around it).
MEASURE = r"""
const large = arguments[0];
const targets = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, label.chip');
const out = [];
function blockOf(el) {
  let node = el.parentElement;
  while (node && getComputedStyle(node).display.startsWith('inline')) node = node.parentElement;
  return node;
}
function inSentence(el) {
  if (!getComputedStyle(el).display.startsWith('inline') || getComputedStyle(el).display === 'inline-block') return false;
  const block = blockOf(el);
  if (!block) return false;
  let text = '';
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest('a, button') === null) text += node.textContent;
  }
  return text.replace(/[\s·|｜、，。：:（）()\-—>→←]/g, '').length > 0;
}
for (const el of targets) {
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden' || style.display === 'none') continue;
  if (el.closest('[hidden], .skip-link, noscript')) continue;
  // Radio buttons and checkboxes drawn as chips are measured through their label.
  if (el.matches('input[type=radio], input[type=checkbox]') && style.opacity === '0') continue;
  const rects = Array.from(el.getClientRects()).filter(r => r.width > 0 && r.height > 0);
  if (rects.length === 0) continue;
  const box = el.getBoundingClientRect();
  const isLarge = el.matches(large);
  out.push({
    text: (el.innerText || el.value || el.getAttribute('aria-label') || el.outerHTML).trim().slice(0, 40),
    tag: el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : ''),
    width: Math.round(box.width * 10) / 10,
    height: Math.round(Math.min(...rects.map(r => r.height)) * 10) / 10,
    min: isLarge ? 44 : 24,
    exempt: !isLarge && (inSentence(el) || el.closest('.prose') !== null),
  });
}
return out;
"""

AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), summary: n.failureSummary}))
})))).catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
"""


# Non-text contrast (WCAG 1.4.11), which axe-core does not measure: the edge of every chip, tab,
# button and text field against what is behind it, and the focus ring of every link and control
# against its background — both at least 3:1.
NON_TEXT = r"""
function rgba(c) { const m = c.match(/[\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; }
function lum(c) { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); }
function ratio(a, b) { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
function background(el) {
  for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c[3] === 1) return c; }
  return [255, 255, 255, 1];
}
function label(el) { return el.tagName.toLowerCase() + '.' + String(el.className).split(' ').join('.') + ' ' + (el.innerText || el.value || el.placeholder || '').trim().slice(0, 20); }
const out = [];
for (const el of document.querySelectorAll('.chip, .year-tabs a, .button, .not-found-row input, .site-nav a')) {
  const style = getComputedStyle(el);
  if (style.display === 'none' || parseFloat(style.borderTopWidth) === 0) continue;
  const behind = background(el.parentElement), own = rgba(style.backgroundColor), edge = rgba(style.borderTopColor);
  const best = Math.max(edge[3] === 1 ? ratio(edge, behind) : 1, own[3] === 1 ? ratio(own, behind) : 1);
  if (best < 3) out.push('edge ' + best.toFixed(2) + ':1 ' + label(el));
}
for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), .filter-radio')) {
  const shown = el.classList.contains('filter-radio') ? document.querySelector(`label[for='${el.id}']`) : el;
  if (!shown || getComputedStyle(shown).display === 'none' || shown.getClientRects().length === 0) continue;
  el.focus({preventScroll: true});
  const style = getComputedStyle(shown);
  if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 1) { out.push('no focus ring ' + label(shown)); continue; }
  const r = ratio(rgba(style.outlineColor), background(parseFloat(style.outlineOffset) < 0 ? shown : shown.parentElement));
  if (r < 3) out.push('focus ring ' + r.toFixed(2) + ':1 ' + label(shown));
}
document.activeElement && document.activeElement.blur();
return out;
"""


def check_non_text(driver, where):
    # Keyboard-like focus: a key press first, so :focus-visible applies to focus() as it would to Tab.
    driver.execute_cdp_cmd("Input.dispatchKeyEvent", {"type": "keyDown", "key": "Shift"})
    driver.execute_cdp_cmd("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Shift"})
    return [f"{where}: {problem}" for problem in driver.execute_script(NON_TEXT)]


def check_type(driver, where):
    """Text follows the reader's default font size (rem, not px), and Chinese emphasis is never
    slanted (browsers fake italics for CJK fonts)."""
    failures = []
    slanted = driver.execute_script(
        "return Array.from(document.querySelectorAll('em, i, cite')).filter(e => getComputedStyle(e).fontStyle !== 'normal')"
        ".map(e => e.textContent.slice(0, 20))")
    for text in slanted:
        failures.append(f"{where}: emphasis set in synthetic italics: {text!r}")
    sizes = []
    for default in (16, 24):
        driver.execute_cdp_cmd("Page.setFontSizes", {"fontSizes": {"standard": default, "fixed": 13}})
        sizes.append(driver.execute_script(
            "const texts = [document.body, document.querySelector('main p:not(nav p)'), document.querySelector('main td'),"
            " document.querySelector('.site-footer p')].filter(e => e);"
            "return texts.map(e => parseFloat(getComputedStyle(e).fontSize))"))
    driver.execute_cdp_cmd("Page.setFontSizes", {"fontSizes": {"standard": 16, "fixed": 13}})
    for small, large in zip(*sizes):
        if abs(large / small - 1.5) > 0.01:
            failures.append(f"{where}: text is {small} px at a 16 px default and {large} px at 24 px: "
                            "it does not follow the reader's font size (use rem)")
            break
    return failures


def browser():
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=zh-CN"):
        options.add_argument(flag)
    driver_path = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
    service = Service(driver_path) if os.path.exists(driver_path) else Service()
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_script_timeout(60)
    return driver


def set_width(driver, width):
    # The window's outer size includes no chrome in headless mode; CDP makes the viewport exact.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})


def check(driver, axe_source, name, url, width, shots):
    failures = []
    set_width(driver, width)
    driver.get(url)
    driver.execute_script("return document.fonts ? document.fonts.ready : null")
    driver.execute_script(axe_source)
    for v in driver.execute_async_script(AXE_RUN):
        where = "; ".join(n["target"] for n in v["nodes"])
        failures.append(f"{name} @{width}px: axe {v['id']} ({v['impact']}): {v['help']} — {where}")
    for t in driver.execute_script(MEASURE, LARGE):
        if t["exempt"]:
            continue
        if t["height"] + 0.05 < t["min"] or t["width"] + 0.05 < t["min"]:
            failures.append(f"{name} @{width}px: tap target {t['width']}×{t['height']} px < {t['min']} px: "
                            f"<{t['tag']}> {t['text']!r}")
    failures += check_type(driver, f"{name} @{width}px")
    failures += check_non_text(driver, f"{name} @{width}px")
    if shots:
        height = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": min(height, 12000), "deviceScaleFactor": 1,
                                "mobile": width < 600})
        safe = name.replace("/", "_").replace("?", "_")
        driver.save_screenshot(os.path.join(shots, f"{safe}-{width}.png"))
    return failures


ARCHIVE_STATE = r"""
const rows = Array.from(document.querySelectorAll('.archive-list tbody tr'));
const shown = rows.filter(r => getComputedStyle(r).display !== 'none').length;
const empty = getComputedStyle(document.querySelector('.archive-empty')).display !== 'none';
const checked = Array.from(document.querySelectorAll('input.filter-radio:checked')).map(r => r.name + '=' + r.value);
return {shown: shown, empty: empty, hash: decodeURIComponent(location.hash), checked: checked};
"""


def spoken_count(driver):
    """The archive's count as the browser renders it (CSS generated text, read from the
    accessibility tree: what a screen reader hears)."""
    tree = driver.execute_cdp_cmd("Accessibility.getFullAXTree", {})
    names = [n.get("name", {}).get("value", "") for n in tree["nodes"] if n.get("role", {}).get("value") == "StaticText"]
    start = next((i for i, name in enumerate(names) if name.startswith("当前显示")), None)
    if start is None:
        return "(no count)"
    text = ""
    for name in names[start:]:  # generated text may come in pieces: 当前显示 · 23 · 项
        text += name
        if "项" in name:
            break
    return text


def check_archive(driver, name, url, width):
    """The archive's filters: the count follows them, a combination without rows says so, and
    the choice is kept in the address and survives a reload."""
    failures = []
    where = f"{name} @{width}px"
    driver.get(url)
    years = driver.execute_script("return Array.from(document.querySelectorAll('input[name=year]')).map(r => r.id)")
    awards = driver.execute_script("return Array.from(document.querySelectorAll('input[name=award]')).map(r => r.id)")
    saw_empty = False
    for year in years:
        for award in awards:
            driver.execute_script("document.querySelector(`label[for='${arguments[0]}']`).click();"
                                  "document.querySelector(`label[for='${arguments[1]}']`).click();", year, award)
            state = driver.execute_script(ARCHIVE_STATE)
            combo = f"{year} + {award}"
            count = spoken_count(driver)
            if count != f"当前显示 {state['shown']} 项":
                failures.append(f"{where}: {combo}: {state['shown']} rows shown but the count says {count!r}")
            if (state["shown"] == 0) != state["empty"]:
                failures.append(f"{where}: {combo}: {state['shown']} rows shown, the no-match line "
                                f"{'shown' if state['empty'] else 'hidden'}")
            saw_empty = saw_empty or state["empty"]
            for choice in state["checked"]:
                key, value = choice.split("=", 1)
                if value and f"{key}={value}" not in state["hash"]:
                    failures.append(f"{where}: {combo}: the address {state['hash']!r} does not keep {choice}")
    if not saw_empty:
        failures.append(f"{where}: no year and award combination without rows was found to check the no-match line")
    # A shared or reloaded address chooses the same options.
    chosen = driver.execute_script(ARCHIVE_STATE)
    driver.refresh()
    again = driver.execute_script(ARCHIVE_STATE)
    if sorted(again["checked"]) != sorted(chosen["checked"]) or again["shown"] != chosen["shown"]:
        failures.append(f"{where}: after a reload {again['checked']} ({again['shown']} rows), "
                        f"before {chosen['checked']} ({chosen['shown']} rows)")
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--axe", required=True)
    parser.add_argument("--page", action="append", default=[], help="NAME=URL")
    parser.add_argument("--screenshots")
    parser.add_argument("--widths", default=",".join(map(str, WIDTHS)))
    args = parser.parse_args()
    with open(args.axe, encoding="utf-8") as f:
        axe_source = f.read()
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)
    widths = [int(w) for w in args.widths.split(",")]
    driver = browser()
    failures = []
    try:
        for page in args.page:
            name, url = page.split("=", 1)
            for width in widths:
                found = check(driver, axe_source, name, url, width, args.screenshots)
                if name.startswith("archive"):
                    found += check_archive(driver, name, url, width)
                print(("ok   " if not found else "FAIL ") + f"{name} @{width}px", flush=True)
                failures += found
    finally:
        driver.quit()
    for line in failures:
        print(line)
    if failures:
        print(f"page check: {len(failures)} failure(s)")
        sys.exit(1)
    print(f"page check: {len(args.page)} pages at {len(widths)} widths, no axe-core violation, every tap target large enough")


if __name__ == "__main__":
    main()
