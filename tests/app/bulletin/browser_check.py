#!/usr/bin/env python3
"""browser_check.py — opens a Tianfu bulletin (bulletin.html beside bulletin.json) from disk
in headless Chromium and checks what a reader would see.

usage: browser_check.py BULLETIN_DIR SCREENSHOT.png [--timeout S]

Method: starts Debian's chromedriver on a free local port and speaks W3C WebDriver to it
over plain HTTP (urllib + json, Python's standard library only; no PyPI/npm package).
One headless Chromium session navigates to file://BULLETIN_DIR/bulletin.html; one script
run in the page (execute/sync) collects the images, the city table and its cells with
their computed background colours, the body text and the resources the page fetched.
These are compared with bulletin.json (schema tianfu-bulletin/1) and with the HTML
contract of the bulletin:
  <table id="city-table">, one <tbody> row <tr data-city="ID"> per city (ID = name_pinyin),
  per city and day <td class="aqi-cell" data-day="YYYY-MM-DD" data-level="N" data-aqi="A">
  whose background-color is the HJ 633 colour of level N (N = 0: no valid value, no colour),
  images are <img src="data:image/png;base64,...">, nothing is fetched from the network.
The screenshot (viewport 1280x2000) is saved to SCREENSHOT.png and decoded with zlib to
check that the page is not blank. The browser log (goog:loggingPrefs browser=ALL) must hold
no SEVERE entry (console.error, uncaught exceptions, failed loads).

Output: one line per check, `CHECK <name> measured=<x> reference=<y> tol=<t> PASS|FAIL`,
then details of failures. Exit 0 if every check passes, 1 if a check fails, 2 if the
check could not run (no chromium/chromedriver, no bulletin, WebDriver error, timeout).
The session is always deleted and chromedriver (with its browser) always killed; a
watchdog alarm bounds the whole run (--timeout, default 120 s).
"""
import argparse
import base64
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zlib

CHROMIUM = os.environ.get("TF_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("TF_CHROMEDRIVER", "/usr/bin/chromedriver")
SCHEMA = "tianfu-bulletin/1"
# HJ 633 AQI level colours (levels 1..6), as CSS computes them.
LEVEL_RGB = {1: (0, 228, 0), 2: (255, 255, 0), 3: (255, 126, 0),
             4: (255, 0, 0), 5: (153, 0, 76), 6: (126, 0, 35)}
MIN_TEXT_CHARS = 50        # non-whitespace characters of document.body.innerText
MIN_SCREEN_COLOURS = 16    # distinct RGB values in the screenshot
MIN_INK_FRACTION = 0.005   # pixels differing from the most common (background) colour
AQI_TOL = 0.5              # data-aqi vs bulletin.json aqi (AQI is an integer)


class SetupError(Exception):
    """The check could not run (as opposed to a check that failed)."""


class Watchdog(Exception):
    pass


def on_alarm(signum, frame):
    raise Watchdog()


# ---------------------------------------------------------------- WebDriver over HTTP
class WebDriver:
    def __init__(self, port):
        self.base = "http://127.0.0.1:%d" % port
        self.sid = None

    def call(self, method, path, body=None, timeout=30):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                reply = json.loads(r.read().decode())
        except urllib.error.HTTPError as e:
            try:
                v = json.loads(e.read().decode()).get("value", {})
                msg = "%s: %s" % (v.get("error"), v.get("message", "").splitlines()[0])
            except Exception:
                msg = str(e)
            raise SetupError("WebDriver %s %s failed: %s" % (method, path, msg))
        return reply.get("value")

    def s(self, method, path, body=None, timeout=30):
        return self.call(method, "/session/%s%s" % (self.sid, path), body, timeout)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as so:
        so.bind(("127.0.0.1", 0))
        return so.getsockname()[1]


def start_driver(logdir):
    for exe, pkg in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
            raise SetupError("%s not found: install the Debian package %s "
                             "(scripts/test does it through scripts/tf-env.sh)" % (exe, pkg))
    port = free_port()
    log = open(os.path.join(logdir, "chromedriver.log"), "w")
    # Own process group, so that the browser it starts is killed with it.
    proc = subprocess.Popen([CHROMEDRIVER, "--port=%d" % port], stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    wd = WebDriver(port)
    t0 = time.time()
    while True:
        if proc.poll() is not None:
            raise SetupError("chromedriver exited with status %d (log: %s)"
                             % (proc.returncode, log.name))
        try:
            if wd.call("GET", "/status", timeout=2).get("ready"):
                return proc, wd
        except (urllib.error.URLError, ConnectionError, OSError, SetupError):
            pass
        if time.time() - t0 > 20:
            raise SetupError("chromedriver not ready after 20 s (log: %s)" % log.name)
        time.sleep(0.1)


def stop_driver(proc, wd):
    if wd is not None and wd.sid is not None:
        try:
            wd.call("DELETE", "/session/" + wd.sid, timeout=10)
        except Exception:
            pass
    if proc is not None and proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=5)
        except Exception:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=5)


# ---------------------------------------------------------------- PNG (zlib only)
def png_pixels(png):
    """Decodes an 8-bit, non-interlaced greyscale/RGB/RGBA PNG: (width, height, rows of RGB
    bytes). Enough for Chromium's screenshots; anything else raises ValueError."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, w = 8, [], None
    while pos < len(png):
        n, kind = struct.unpack(">I4s", png[pos:pos + 8])
        chunk = png[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        pos += 12 + n
    if w is None or depth != 8 or interlace != 0 or ctype not in (0, 2, 6):
        raise ValueError("unsupported PNG layout")
    bpp = {0: 1, 2: 3, 6: 4}[ctype]
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        f = raw[y * (stride + 1)]
        cur = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                cur[i] = (cur[i] + cur[i - bpp]) & 255
        elif f == 2:
            cur = bytearray((a + b) & 255 for a, b in zip(cur, prev))
        elif f == 3:
            for i in range(stride):
                left = cur[i - bpp] if i >= bpp else 0
                cur[i] = (cur[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = cur[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        elif f != 0:
            raise ValueError("bad PNG filter %d" % f)
        prev = cur
        if bpp == 3:
            rows.append(bytes(cur))
        elif bpp == 4:
            rows.append(bytes(b for i, b in enumerate(cur) if i % 4 != 3))
        else:
            rows.append(bytes(b for b in cur for _ in range(3)))
    return w, h, rows


def colour_stats(rows):
    """(distinct colours, fraction of pixels that differ from the most common colour)."""
    counts = {}
    for r in rows:
        for i in range(0, len(r), 3):
            px = r[i:i + 3]
            counts[px] = counts.get(px, 0) + 1
    total = sum(counts.values())
    return len(counts), (1.0 - max(counts.values()) / total) if total else 0.0


# ---------------------------------------------------------------- the page
PAGE_SCRIPT = r"""
const out = {images: [], rows: [], cells: [], table: false};
for (const im of document.images)
  out.images.push({src: im.getAttribute('src') || '', complete: im.complete,
                   w: im.naturalWidth, h: im.naturalHeight});
const t = document.getElementById('city-table');
if (t) {
  out.table = true;
  for (const tb of t.tBodies) for (const tr of tb.rows) {
    const city = tr.getAttribute('data-city');
    out.rows.push(city);
    for (const td of tr.querySelectorAll('td.aqi-cell'))
      out.cells.push({city: city, day: td.getAttribute('data-day'),
                      level: td.getAttribute('data-level'), aqi: td.getAttribute('data-aqi'),
                      bg: getComputedStyle(td).backgroundColor});
  }
}
out.text = document.body ? document.body.innerText : '';
// what the page fetches or would fetch: resource timing, src/href/data attributes of
// loading elements, url(...) in style sheets; data: URIs and in-page #fragments are inline
const ext = new Set(performance.getEntriesByType('resource').map(e => e.name));
for (const el of document.querySelectorAll(
       '[src], link[href], object[data], image[href], use[href], [srcset], [poster]'))
  for (const a of ['src', 'href', 'data', 'srcset', 'poster'])
    if (el.hasAttribute(a) && !(el.tagName === 'A' && a === 'href')) ext.add(el.getAttribute(a).trim());
for (const sh of document.styleSheets) {
  if (sh.href) ext.add(sh.href);
  try { for (const r of sh.cssRules)
          for (const m of r.cssText.matchAll(/url\(\s*["']?([^"')]*)/g)) ext.add(m[1].trim()); }
  catch (e) { ext.add('unreadable style sheet'); }
}
out.resources = [...ext].filter(n => n && !n.startsWith('data:') && !n.startsWith('#'));
return out;
"""


def parse_rgb(css):
    m = re.match(r"rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)", css or "")
    if not m:
        return None
    if m.group(4) is not None and float(m.group(4)) < 1.0:
        return None  # transparent or translucent: not the level colour
    return tuple(int(m.group(i)) for i in (1, 2, 3))


class Report:
    def __init__(self):
        self.failed = 0
        self.details = []

    def check(self, name, measured, reference, tol, ok, detail=None):
        print("CHECK %s measured=%s reference=%s tol=%s %s"
              % (name, measured, reference, tol, "PASS" if ok else "FAIL"), flush=True)
        if not ok:
            self.failed += 1
            if detail:
                self.details.append("%s: %s" % (name, detail))


def fmt_list(items, n=5):
    items = list(items)
    return ", ".join(str(x) for x in items[:n]) + (" ... (%d in all)" % len(items)
                                                    if len(items) > n else "")


def load_bulletin(bdir):
    html = os.path.join(bdir, "bulletin.html")
    js = os.path.join(bdir, "bulletin.json")
    for p in (html, js):
        if not os.path.isfile(p):
            raise SetupError("%s: no such file (run `tianfu bulletin OUTPUT_DIR` first)" % p)
    try:
        with open(js, encoding="utf-8") as f:
            doc = json.load(f)
    except ValueError as e:
        raise SetupError("%s: not JSON: %s" % (js, e))
    return html, doc


def run_checks(bdir, shot_path, rep, state, logdir):
    html, doc = load_bulletin(bdir)
    rep.check("json_schema", doc.get("schema"), SCHEMA, 0, doc.get("schema") == SCHEMA)
    cities = doc.get("cities") or []
    want = {}
    for c in cities:
        for d in c.get("days") or []:
            want[(c.get("id"), d.get("date"))] = d

    proc, wd = start_driver(logdir)
    state["proc"], state["wd"] = proc, wd
    caps = {"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                     "--window-size=1280,2000", "--force-color-profile=srgb",
                     "--hide-scrollbars", "--user-data-dir=" + os.path.join(logdir, "profile")]},
        "goog:loggingPrefs": {"browser": "ALL"}}}}
    sess = wd.call("POST", "/session", caps, timeout=60)
    wd.sid = sess["sessionId"]
    wd.s("POST", "/url", {"url": "file://" + os.path.abspath(html)}, timeout=60)
    # navigation waits for the load event; let pending image decodes settle
    wd.s("POST", "/execute/async", {"script": "const done = arguments[0];"
         "Promise.all(Array.from(document.images).map(i => i.decode().catch(() => 0)))"
         ".then(() => done(0));", "args": []}, timeout=30)
    page = wd.s("POST", "/execute/sync", {"script": PAGE_SCRIPT, "args": []})
    shot = base64.b64decode(wd.s("GET", "/screenshot", timeout=60))
    logs = wd.s("POST", "/se/log", {"type": "browser"})

    os.makedirs(os.path.dirname(os.path.abspath(shot_path)), exist_ok=True)
    with open(shot_path, "wb") as f:
        f.write(shot)
    print("screenshot: %s" % os.path.abspath(shot_path), flush=True)

    # --- console
    severe = [e for e in logs or [] if e.get("level") == "SEVERE"]
    rep.check("console_severe", len(severe), 0, 0, not severe,
              fmt_list(e.get("message", "").strip() for e in severe))

    # --- images
    imgs = page["images"]
    broken = [i for i in imgs if not (i["complete"] and i["w"] > 0 and i["h"] > 0)]
    rep.check("images_present", len(imgs), ">=1", 0, len(imgs) >= 1, "the page has no <img>")
    rep.check("images_loaded", len(imgs) - len(broken), len(imgs), 0, not broken,
              fmt_list("img %d (%s...)" % (imgs.index(i), i["src"][:40]) for i in broken))
    not_inline = [i["src"][:60] for i in imgs if not i["src"].startswith("data:image/png;base64,")]
    rep.check("images_inline_png", len(imgs) - len(not_inline), len(imgs), 0, not not_inline,
              fmt_list(not_inline))
    rep.check("external_resources", len(page["resources"]), 0, 0, not page["resources"],
              fmt_list(page["resources"]))

    # --- city table
    rows = page["rows"]
    ids = [c.get("id") for c in cities]
    rep.check("table_rows", len(rows), len(ids), 0, page["table"] and len(rows) == len(ids),
              "no <table id=\"city-table\">" if not page["table"] else
              "rows %d, cities in bulletin.json %d" % (len(rows), len(ids)))
    missing = sorted(set(ids) - set(rows), key=str)
    extra = sorted(set(rows) - set(ids), key=str)
    dup = sorted({r for r in rows if rows.count(r) > 1}, key=str)
    bad_ids = len(missing) + len(extra) + len(dup)
    rep.check("table_city_ids", bad_ids, 0, 0, bad_ids == 0,
              "missing %s; not in JSON %s; repeated %s"
              % (fmt_list(missing) or "-", fmt_list(extra) or "-", fmt_list(dup) or "-"))

    # --- cells: one per city and day, values as in the JSON, colours as HJ 633
    cells = page["cells"]
    seen = {(c["city"], c["day"]): c for c in cells}
    no_cell = [k for k in want if k not in seen]
    rep.check("table_cells", len(cells), len(want), 0,
              len(cells) == len(want) and not no_cell,
              "no cell for %s" % fmt_list("%s %s" % k for k in no_cell) if no_cell else
              "%d cells for %d city-days" % (len(cells), len(want)))
    wrong_val = []
    for k, c in seen.items():
        d = want.get(k)
        if d is None:
            wrong_val.append("%s %s: not in bulletin.json" % k)
            continue
        try:
            lvl = int(c["level"])
        except (TypeError, ValueError):
            wrong_val.append("%s %s: data-level=%r" % (k + (c["level"],)))
            continue
        if lvl != d.get("level"):
            wrong_val.append("%s %s: data-level=%d, JSON level=%s" % (k + (lvl, d.get("level"))))
        elif lvl >= 1:
            try:
                ok = d.get("aqi") is not None and abs(float(c["aqi"]) - float(d["aqi"])) <= AQI_TOL
            except (TypeError, ValueError):
                ok = False
            if not ok:
                wrong_val.append("%s %s: data-aqi=%r, JSON aqi=%s" % (k + (c["aqi"], d.get("aqi"))))
    rep.check("cell_values", len(wrong_val), 0, "aqi:%g" % AQI_TOL, not wrong_val,
              fmt_list(wrong_val))
    coloured = [c for c in cells if c["level"] and c["level"].isdigit() and int(c["level"]) >= 1]
    rep.check("cells_with_level", len(coloured), ">=1", 0, len(coloured) >= 1,
              "no cell has a valid AQI level: the colour check would be empty")
    wrong_col = []
    for c in coloured:
        lvl = int(c["level"])
        if parse_rgb(c["bg"]) != LEVEL_RGB.get(lvl):
            wrong_col.append("%s %s level %d: %s, want rgb%s"
                             % (c["city"], c["day"], lvl, c["bg"], LEVEL_RGB.get(lvl)))
    rep.check("cell_colours", len(coloured) - len(wrong_col), len(coloured), 0, not wrong_col,
              fmt_list(wrong_col))

    # --- not blank
    nchar = len(re.sub(r"\s", "", page["text"] or ""))
    rep.check("body_text_chars", nchar, ">=%d" % MIN_TEXT_CHARS, 0, nchar >= MIN_TEXT_CHARS)
    try:
        w, h, px = png_pixels(shot)
        ncol, ink = colour_stats(px)
        rep.check("screenshot_colours", ncol, ">=%d" % MIN_SCREEN_COLOURS, 0,
                  ncol >= MIN_SCREEN_COLOURS, "%dx%d screenshot" % (w, h))
        rep.check("screenshot_ink", "%.4f" % ink, ">=%g" % MIN_INK_FRACTION, 0,
                  ink >= MIN_INK_FRACTION, "fraction of non-background pixels")
    except (ValueError, zlib.error, struct.error) as e:
        rep.check("screenshot_colours", "undecodable", ">=%d" % MIN_SCREEN_COLOURS, 0, False, str(e))


def main(argv):
    ap = argparse.ArgumentParser(description="Checks a Tianfu bulletin in headless Chromium.")
    ap.add_argument("bulletin_dir")
    ap.add_argument("screenshot")
    ap.add_argument("--timeout", type=int, default=120, help="watchdog, seconds (default 120)")
    a = ap.parse_args(argv[1:])
    bdir, shot, timeout = a.bulletin_dir, a.screenshot, a.timeout
    rep, state = Report(), {"proc": None, "wd": None}
    logdir = tempfile.mkdtemp(prefix="tf-browser-")
    signal.signal(signal.SIGALRM, on_alarm)
    signal.signal(signal.SIGTERM, on_alarm)  # ctest's timeout: clean up too
    signal.alarm(timeout)
    status = 0
    try:
        run_checks(bdir, shot, rep, state, logdir)
    except SetupError as e:
        print("FAIL browser check could not run: %s" % e, flush=True)
        status = 2
    except Watchdog:
        print("FAIL browser check: no answer within %d s (watchdog)" % timeout, flush=True)
        status = 2
    finally:
        signal.alarm(0)
        try:
            stop_driver(state["proc"], state["wd"])
        except Exception as e:
            print("note: cleanup: %s" % e)
        if status == 0:
            shutil.rmtree(logdir, ignore_errors=True)
        else:
            print("chromedriver log kept in %s" % logdir)
    for d in rep.details:
        print("  " + d)
    if status:
        return status
    print("%s: %d checks failed" % (bdir, rep.failed) if rep.failed else "%s: all checks pass" % bdir)
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
