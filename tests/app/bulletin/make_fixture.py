#!/usr/bin/env python3
"""make_fixture.py — writes a small hand-made bulletin (bulletin.json + bulletin.html, the
HTML contract of `tianfu bulletin`) for the self-test of browser_check.py only: 3 cities,
2 days, one inline PNG. It is never used by the real browser test, which checks the
bulletin that `tianfu bulletin` writes.

usage: make_fixture.py OUTDIR VARIANT
VARIANT: good, or one broken page, each made to fail one check of browser_check.py:
  wrong_colour   a level-3 cell painted in the level-4 colour          -> cell_colours
  missing_image  an <img> whose data: URI is not a decodable PNG       -> images_loaded
  console_error  a script that calls console.error                     -> console_severe
  missing_row    a city of bulletin.json has no table row              -> table_rows, table_city_ids
  wrong_aqi      a cell's data-aqi differs from bulletin.json          -> cell_values
  no_text        the same table without any text                       -> body_text_chars
  invisible      the page rendered fully transparent (opacity 0)       -> screenshot_colours, screenshot_ink
  remote_image   an <img> loaded from a file beside the page           -> images_inline_png, external_resources
  remote_css     a style sheet linked from a file beside the page      -> external_resources
"""
import base64
import json
import os
import struct
import sys
import zlib

COLOURS = {0: None, 1: "#00E400", 2: "#FFFF00", 3: "#FF7E00", 4: "#FF0000",
           5: "#99004C", 6: "#7E0023"}
CITIES = [("Chengdu", "成都市", [(1, 45), (3, 128)]),
          ("Zigong", "自贡市", [(2, 88), (0, None)]),
          ("Luzhou", "泸州市", [(4, 163), (5, 230)])]
DAYS = ["2022-08-10", "2022-08-11"]
VARIANTS = ["good", "wrong_colour", "missing_image", "console_error", "missing_row",
            "wrong_aqi", "no_text", "invisible", "remote_image", "remote_css"]


def png(w, h):
    """An RGB PNG with a colour ramp (stdlib zlib + struct)."""
    raw = b"".join(b"\x00" + bytes(v for x in range(w) for v in (x * 255 // w, y * 255 // h, 128))
                   for y in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + \
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def main(outdir, variant):
    if variant not in VARIANTS:
        sys.exit("make_fixture.py: unknown variant %r (one of %s)" % (variant, ", ".join(VARIANTS)))
    os.makedirs(outdir, exist_ok=True)
    doc = {"schema": "tianfu-bulletin/1", "cities": [
        {"id": cid, "name_zh": zh,
         "days": [{"date": day, "aqi": aqi, "level": lvl} for day, (lvl, aqi) in zip(DAYS, vals)]}
        for cid, zh, vals in CITIES]}
    with open(os.path.join(outdir, "bulletin.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)

    text = variant != "no_text"
    img = "data:image/png;base64," + base64.b64encode(png(240, 120)).decode()
    if variant == "missing_image":
        img = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB"  # truncated PNG
    if variant == "remote_image":
        with open(os.path.join(outdir, "map.png"), "wb") as f:
            f.write(png(240, 120))
        img = "map.png"
    rows = []
    for cid, zh, vals in CITIES:
        if variant == "missing_row" and cid == "Zigong":
            continue
        tds = ["<th>%s</th>" % (zh + " " + cid if text else "")]
        for day, (lvl, aqi) in zip(DAYS, vals):
            colour = COLOURS[lvl]
            shown_aqi = aqi
            if variant == "wrong_colour" and lvl == 3:
                colour = COLOURS[4]
            if variant == "wrong_aqi" and cid == "Luzhou" and day == DAYS[1]:
                shown_aqi = aqi + 7
            style = ' style="background-color:%s"' % colour if colour else ""
            tds.append('<td class="aqi-cell" data-day="%s" data-level="%d" data-aqi="%s"%s>%s</td>'
                       % (day, lvl, "" if aqi is None else shown_aqi, style,
                          ("%d" % shown_aqi if aqi is not None else "—") if text else ""))
        rows.append('<tr data-city="%s">%s</tr>' % (cid, "".join(tds)))
    head = ("<tr><th>城市 City</th>%s</tr>" % "".join("<th>%s</th>" % d for d in DAYS)) if text else ""
    css = "body{font-family:sans-serif;margin:2em;background:#fff;color:#222}" \
          "td,th{padding:4px 10px;border:1px solid #ccc}"
    if variant == "invisible":
        css += "body{opacity:0}"
    link = ""
    if variant == "remote_css":
        with open(os.path.join(outdir, "extra.css"), "w") as f:
            f.write("h1{letter-spacing:1px}\n")
        link = '<link rel="stylesheet" href="extra.css">'
    script = "<script>console.error('fixture: deliberate console error');</script>" \
        if variant == "console_error" else ""
    title = "<h1>四川盆地臭氧预报 Sichuan basin ozone bulletin</h1><p>Forecast issued " \
            "2022-08-10 for two days; AQI of the daily maximum 8-hour ozone (HJ 633).</p>" \
        if text else ""
    html = ('<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>bulletin</title>'
            '%s<style>%s</style></head><body>%s<table id="city-table"><thead>%s</thead><tbody>%s'
            '</tbody></table><p><img alt="" src="%s"></p>%s</body></html>\n'
            % (link, css, title, head, "".join(rows), img, script))
    with open(os.path.join(outdir, "bulletin.html"), "w", encoding="utf-8") as f:
        f.write(html)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
