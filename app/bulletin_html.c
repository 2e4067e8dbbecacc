/* bulletin_html.c — bulletin.html: one self-contained page (no network: the style sheet is
 * inline and every image a data: URI) with the regional summary, the city table in the
 * HJ 633 colours, the warnings and advisories, the maps and the city series.
 *
 * Hand-written: the page is a fixed layout filled from the bulletin, for which a template
 * library would add a dependency without removing code; the one thing that must be right,
 * escaping of text, is the function `esc` below (&, <, >, " and '). The page contract the
 * browser test checks (tests/app/bulletin/browser_check.py): <table id="city-table">, the header
 * in <thead>, one <tbody> row <tr data-city="ID"> per city, and per day <td class="aqi-cell" data-day="YYYY-MM-DD"
 * data-level="N" data-aqi="A" style="background-color:#RRGGBB"> (level 0 and data-aqi=""
 * on a day without a complete forecast). */
#include <stdio.h>
#include <string.h>
#include "bulletin_doc.h"
#include "io/csv/atomic_file.h"

static void esc(FILE *f, const char *s)
{
  for (; *s; s++) switch (*s) {
      case '&': fputs("&amp;", f); break;
      case '<': fputs("&lt;", f); break;
      case '>': fputs("&gt;", f); break;
      case '"': fputs("&quot;", f); break;
      case '\'': fputs("&#39;", f); break;
      default: fputc(*s, f);
    }
}

static const char *style =
    "body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;margin:1.5em;color:#222;background:#fff}"
    "h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #bbb;padding:.25em .5em;text-align:center}"
    "th{background:#f0f0f0}td.name{text-align:left;white-space:nowrap}"
    ".aqi-cell .aqi{font-size:1.15em;font-weight:bold}.aqi-cell .rng{font-size:.8em}"
    ".dark{color:#fff}.badge{display:inline-block;padding:0 .35em;margin:.1em;border-radius:.3em;color:#fff;font-size:.8em}"
    ".note{background:#fff4d6;border:1px solid #e0b000;padding:.4em .7em;margin:.5em 0}"
    ".meta{color:#555;font-size:.9em}figure{display:inline-block;margin:.4em}figcaption{font-size:.85em;color:#444}"
    "img{max-width:100%;height:auto}.legend span{display:inline-block;padding:.1em .6em;margin-right:.3em}";

static void badge(FILE *f, const bl_rule *r)
{
  fprintf(f, "<span class=\"badge\" style=\"background-color:%s\" title=\"", r->colour);
  esc(f, r->text);
  fputs("\">", f);
  esc(f, r->zh);
  fputs("</span>", f);
}

static void regional(FILE *f, const bd_doc *d)
{
  fputs("<h2>区域概况 Regional summary</h2>\n<table id=\"region-table\"><tr><th>日期 Date</th><th>lead</th>", f);
  for (int g = 0; g < BD_NREGION; g++) fprintf(f, "<th>%s</th>", bd_region_name[g]);
  fputs("</tr>\n", f);
  for (int k = 0; k < d->nday; k++) {
    fprintf(f, "<tr><td>%s</td><td>%d</td>", d->date[k], k - d->start_day);
    for (int g = 0; g < BD_NREGION; g++) {
      const bl_region_day *r = &d->region[g][k];
      if (!r->nvalid) { fputs("<td>—</td>", f); continue; }
      fprintf(f, "<td>AQI&gt;100: %d / %d<br>MDA8&gt;160: %d / %d", r->n_over100, r->nvalid, r->n_mda8_over160, r->nvalid);
      if (r->worst_city >= 0) {
        fputs("<br>最高 worst: ", f);
        esc(f, d->city[r->worst_city].c.name_zh);
        fprintf(f, " %d", r->worst_aqi);
      }
      if (r->nwarn_rule_max >= 0) fputs("<br>", f), badge(f, &d->rule[r->nwarn_rule_max]);
      if (r->nadv_rule_max >= 0) fputs("<br>", f), badge(f, &d->rule[r->nadv_rule_max]);
      fputs("</td>", f);
    }
    fputs("</tr>\n", f);
  }
  fputs("</table>\n", f);
}

static void city_cell(FILE *f, const bd_doc *d, const bd_city *c, int k)
{
  const bl_day *x = &c->day[k];
  char col[8], txt[128];
  int lv = x->complete ? x->aqi.level : 0;
  bd_level_colour(lv, col);
  fprintf(f, "<td class=\"aqi-cell%s\" data-day=\"%s\" data-level=\"%d\" data-aqi=\"", lv >= 4 ? " dark" : "",
          d->date[k], lv);
  if (x->complete) fprintf(f, "%d", x->aqi.aqi);
  fprintf(f, "\" style=\"background-color:%s\">", col);
  if (!x->complete) {
    fputs("—</td>", f);
    return;
  }
  fprintf(f, "<span class=\"aqi\">%d</span><br><span class=\"rng\">%d–%d ", x->aqi.aqi, x->aqi_lo, x->aqi_hi);
  bl_range_text(x, 1, txt, sizeof txt);
  esc(f, txt);
  fputs("<br>", f);
  int first = 1;
  for (int i = 0; i < AQI_NIND; i++)
    if (x->aqi.primary_mask >> i & 1) fprintf(f, "%s%s", first ? "首要 " : ", ", aqi_indicator_name((aqi_indicator)i)), first = 0;
  fprintf(f, "%sMDA8 %.0f</span>", first ? "" : "<br>", x->o3.mda8);
  if (x->warning >= 0) fputs("<br>", f), badge(f, &d->rule[x->warning]);
  if (x->advisory >= 0) fputs("<br>", f), badge(f, &d->rule[x->advisory]);
  fputs("</td>", f);
}

static void city_table(FILE *f, const bd_doc *d)
{
  fputs("<h2>城市预报 City forecast</h2>\n<p class=\"legend\">", f);
  for (int l = 1; l <= 6; l++) {
    char col[8];
    bd_level_colour(l, col);
    fprintf(f, "<span class=\"%s\" style=\"background-color:%s\">%d %s %s</span>", l >= 4 ? "dark" : "", col, l,
            aqi_category_zh(l), aqi_category_en(l));
  }
  fputs("</p>\n<table id=\"city-table\"><thead><tr><th>城市 City</th><th>省份 Province</th>", f);
  for (int k = 0; k < d->nday; k++) fprintf(f, "<th>%s<br>lead %d</th>", d->date[k], k - d->start_day);
  fputs("</tr></thead>\n<tbody>\n", f);
  for (int c = 0; c < d->ncity; c++) {
    const bd_city *x = &d->city[c];
    fputs("<tr data-city=\"", f);
    esc(f, x->c.name);
    fputs("\"><td class=\"name\">", f);
    esc(f, x->c.name_zh);
    fputs(" ", f);
    esc(f, x->c.name);
    fputs("</td><td>", f);
    esc(f, x->c.province);
    fputs("</td>", f);
    for (int k = 0; k < d->nday; k++) city_cell(f, d, x, k);
    fputs("</tr>\n", f);
  }
  fputs("</tbody></table>\n", f);
}

static void rules_list(FILE *f, const bd_doc *d)
{
  fputs("<h2>预警规则 Warning rules</h2>\n<table id=\"rule-table\"><tr><th>name</th><th>kind</th><th>rule</th><th>中文</th><th>English</th></tr>\n", f);
  for (int i = 0; i < d->nrule; i++) {
    const bl_rule *r = &d->rule[i];
    fprintf(f, "<tr><td>%s</td><td>%s</td><td>", r->name, r->kind == BL_ADVISORY ? "advisory" : "warning");
    esc(f, r->text);
    fputs("</td><td>", f);
    badge(f, r);
    fputs("</td><td>", f);
    esc(f, r->en);
    fputs("</td></tr>\n", f);
  }
  fputs("</table>\n", f);
}

static void images(FILE *f, const bd_doc *d)
{
  static const char *const cap[BD_NMAP] = {"O₃ MDA8", "O₃ max 1-h"};
  int any = 0;
  for (int k = 0; d->map_b64 && k < d->nday * BD_NMAP; k++) any |= d->map_b64[k] != NULL;
  if (any) {
    fputs("<h2>地图 Maps</h2>\n", f);
    for (int k = 0; k < d->nday; k++)
      for (int m = 0; m < BD_NMAP; m++) {
        const char *b = d->map_b64[k * BD_NMAP + m];
        if (!b) continue;
        fprintf(f, "<figure><img alt=\"%s %s\" src=\"data:image/png;base64,%s\"><figcaption>%s %s</figcaption></figure>\n",
                cap[m], d->date[k], b, cap[m], d->date[k]);
      }
  }
  any = 0;
  for (int c = 0; c < d->ncity; c++) any |= d->city[c].series_b64 != NULL;
  if (!any) return;
  fputs("<h2>城市逐时臭氧 Hourly O₃ by city</h2>\n", f);
  for (int c = 0; c < d->ncity; c++) {
    if (!d->city[c].series_b64) continue;
    fputs("<figure><img alt=\"O3 ", f);
    esc(f, d->city[c].c.name);
    fprintf(f, "\" src=\"data:image/png;base64,%s\"></figure>\n", d->city[c].series_b64);
  }
}

int bd_write_html(const bd_doc *d, const char *path, tf_err *err)
{
  char part[1300];
  FILE *f = tfio_fopen_partial(path, part, sizeof part, err);
  if (!f) return err->code;
  fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>", f);
  esc(f, d->cfg->title);
  fprintf(f, "</title><style>%s</style></head><body>\n<h1>", style);
  esc(f, d->cfg->title);
  fprintf(f, "</h1>\n<p class=\"meta\">预报起报 Forecast from %s (Beijing time) · %s to %s · AQI %s · generated %s</p>\n",
          d->start, d->date[0], d->date[d->nday - 1], d->cfg->edition ? "HJ 633-2012" : "HJ 633-2026", d->generated);
  fputs("<p class=\"note\">AQI: ", f);
  esc(f, d->aqi_covers);
  fprintf(f, ". 范围 Range: AQI ± %.0f %% (relative uncertainty", 100 * d->cfg->rel_unc);
  if (d->cfg->unc_file[0]) fputs(", per city from the uncertainty file", f);
  fputs(").</p>\n", f);
  for (int i = 0; i < d->nnote; i++) {
    fputs("<p class=\"note\">", f);
    esc(f, d->note[i]);
    fputs("</p>\n", f);
  }
  regional(f, d);
  city_table(f, d);
  images(f, d);
  rules_list(f, d);
  fputs("<p class=\"meta\">Tianfu bulletin, schema tianfu-bulletin/1 (bulletin.json beside this page).</p>\n</body></html>\n", f);
  return tfio_fclose_commit(f, part, path, err);
}
