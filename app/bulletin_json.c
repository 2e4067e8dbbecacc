/* bulletin_json.c — bulletin.json, schema "tianfu-bulletin/1" (documented in the README,
 * "Forecast products", and as JSON Schema in docs/bulletin.schema.json, against which a
 * test validates the file). Built as a json-c object tree (Debian libjson-c-dev), so that
 * every string is escaped by the library; numbers keep one decimal (µg/m3) or are
 * integers (AQI), and a value that does not exist is null, never a made-up number. */
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "bulletin_doc.h"
#include "io/csv/atomic_file.h"

static json_object *num(double v, int decimals)
{
  if (!isfinite(v)) return NULL; /* json-c writes NULL members as null */
  char s[48];
  snprintf(s, sizeof s, "%.*f", decimals, v);
  return json_object_new_double_s(v, s);
}

static void put(json_object *o, const char *k, json_object *v) { json_object_object_add(o, k, v); }
static void put_str(json_object *o, const char *k, const char *s) { put(o, k, json_object_new_string(s)); }
static void put_int(json_object *o, const char *k, int v) { put(o, k, json_object_new_int(v)); }

static json_object *rule_ref(const bd_doc *d, int i)
{
  if (i < 0) return NULL;
  json_object *o = json_object_new_object();
  put_str(o, "name", d->rule[i].name);
  put_str(o, "zh", d->rule[i].zh);
  put_str(o, "en", d->rule[i].en);
  put_str(o, "colour", d->rule[i].colour);
  return o;
}

static json_object *gas_day(const aq_day_mean *m, int decimals)
{
  if (!m->nhours) return NULL;
  json_object *o = json_object_new_object();
  put(o, "mean24", m->mean24_valid ? num(m->mean24, decimals) : NULL);
  put(o, "max1h", num(m->max1h, decimals));
  put_int(o, "max1h_hour", m->max1h_hour);
  put_int(o, "hours", m->nhours);
  return o;
}

static json_object *city_day(const bd_doc *d, const bd_city *c, int k)
{
  const bl_day *x = &c->day[k];
  json_object *o = json_object_new_object();
  char col[8], buf[128];
  put_str(o, "date", d->date[k]);
  put_int(o, "lead", k - d->start_day);
  put(o, "complete", json_object_new_boolean(x->complete));
  put(o, "aqi", x->complete ? json_object_new_int(x->aqi.aqi) : NULL);
  json_object *range = NULL;
  if (x->complete) {
    range = json_object_new_array();
    json_object_array_add(range, json_object_new_int(x->aqi_lo));
    json_object_array_add(range, json_object_new_int(x->aqi_hi));
  }
  put(o, "aqi_range", range);
  put_int(o, "level", x->complete ? x->aqi.level : 0);
  json_object *lr = NULL;
  if (x->complete) {
    lr = json_object_new_array();
    json_object_array_add(lr, json_object_new_int(x->level_lo));
    json_object_array_add(lr, json_object_new_int(x->level_hi));
  }
  put(o, "level_range", lr);
  put(o, "category_zh", x->complete ? json_object_new_string(aqi_category_zh(x->aqi.level)) : NULL);
  put(o, "category_en", x->complete ? json_object_new_string(aqi_category_en(x->aqi.level)) : NULL);
  bl_range_text(x, 1, buf, sizeof buf);
  put_str(o, "range_text_zh", buf);
  bl_range_text(x, 0, buf, sizeof buf);
  put_str(o, "range_text_en", buf);
  bd_level_colour(x->complete ? x->aqi.level : 0, col);
  put_str(o, "colour", col);
  json_object *prim = json_object_new_array(), *iaqi = json_object_new_object();
  for (int i = 0; i < AQI_NIND; i++) {
    if (x->complete && (x->aqi.primary_mask >> i & 1))
      json_object_array_add(prim, json_object_new_string(aqi_indicator_name((aqi_indicator)i)));
    if (x->complete && x->aqi.iaqi[i] >= 0) put_int(iaqi, aqi_indicator_name((aqi_indicator)i), x->aqi.iaqi[i]);
  }
  put(o, "primary", prim);
  put(o, "iaqi", iaqi);
  json_object *o3 = json_object_new_object();
  put(o3, "mda8", num(x->o3.mda8, 1));
  put(o3, "mda8_valid", json_object_new_boolean(x->o3.mda8_valid));
  put_int(o3, "mda8_end_hour", x->o3.mda8_end_hour);
  put(o3, "max1h", num(x->o3.max1h, 1));
  put_int(o3, "max1h_hour", x->o3.max1h_hour);
  put_int(o3, "hours", x->o3.nhours);
  put(o, "o3", o3);
  put(o, "no2", gas_day(&x->no2, 1));
  put(o, "so2", gas_day(&x->so2, 1));
  put(o, "co", gas_day(&x->co, 3));
  put(o, "pm25_24h", num(x->pm25, 1));
  put(o, "pm10_24h", num(x->pm10, 1));
  put(o, "warning", rule_ref(d, x->warning));
  put(o, "advisory", rule_ref(d, x->advisory));
  return o;
}

static json_object *regions(const bd_doc *d)
{
  json_object *a = json_object_new_array();
  for (int g = 0; g < BD_NREGION; g++) {
    json_object *r = json_object_new_object(), *days = json_object_new_array();
    put_str(r, "region", bd_region_name[g]);
    for (int k = 0; k < d->nday; k++) {
      const bl_region_day *x = &d->region[g][k];
      json_object *o = json_object_new_object(), *lv = json_object_new_array();
      put_str(o, "date", d->date[k]);
      put_int(o, "lead", k - d->start_day);
      put_int(o, "cities", x->ncity);
      put_int(o, "valid", x->nvalid);
      put_int(o, "aqi_over_100", x->n_over100);
      put_int(o, "mda8_over_160", x->n_mda8_over160);
      for (int l = 1; l <= 6; l++) json_object_array_add(lv, json_object_new_int(x->nlevel[l]));
      put(o, "cities_per_level", lv);
      put(o, "worst_city", x->worst_city >= 0 ? json_object_new_string(d->city[x->worst_city].c.name) : NULL);
      put(o, "worst_aqi", x->worst_city >= 0 ? json_object_new_int(x->worst_aqi) : NULL);
      put(o, "warning", rule_ref(d, x->nwarn_rule_max));
      put(o, "advisory", rule_ref(d, x->nadv_rule_max));
      json_object_array_add(days, o);
    }
    put(r, "days", days);
    json_object_array_add(a, r);
  }
  return a;
}

static json_object *document(const bd_doc *d)
{
  json_object *root = json_object_new_object();
  put_str(root, "schema", "tianfu-bulletin/1");
  put_str(root, "generated", d->generated);
  put_str(root, "title", d->cfg->title);
  json_object *fc = json_object_new_object(), *days = json_object_new_array();
  const char *slash = strrchr(d->hours_csv, '/'); /* the file name: it lies next to bulletin.json */
  put_str(fc, "city_hours", slash ? slash + 1 : d->hours_csv);
  put_str(fc, "start", d->start);
  for (int k = 0; k < d->nday; k++) json_object_array_add(days, json_object_new_string(d->date[k]));
  put(fc, "days", days);
  put(root, "forecast", fc);
  put_str(root, "aqi_standard", d->cfg->edition ? "HJ 633-2012" : "HJ 633-2026");
  put_str(root, "aqi_covers", d->aqi_covers);
  put(root, "pm_supplied", json_object_new_boolean(d->has_pm));
  put_str(root, "units", "ug m-3 at 298.15 K and 1013.25 hPa (CO mg m-3); Beijing time (UTC+8), hour-ending");
  put(root, "relative_uncertainty", num(d->cfg->rel_unc, 3));
  json_object *notes = json_object_new_array();
  for (int i = 0; i < d->nnote; i++) json_object_array_add(notes, json_object_new_string(d->note[i]));
  put(root, "notes", notes);
  json_object *rules = json_object_new_array();
  for (int i = 0; i < d->nrule; i++) {
    json_object *r = rule_ref(d, i);
    put_str(r, "kind", d->rule[i].kind == BL_ADVISORY ? "advisory" : "warning");
    put_str(r, "rule", d->rule[i].text);
    json_object_array_add(rules, r);
  }
  put(root, "rules", rules);
  put(root, "regions", regions(d));
  json_object *cities = json_object_new_array();
  for (int c = 0; c < d->ncity; c++) {
    const bd_city *x = &d->city[c];
    json_object *o = json_object_new_object(), *cd = json_object_new_array();
    put_str(o, "id", x->c.name);
    put_str(o, "name_zh", x->c.name_zh);
    put_str(o, "province", x->c.province);
    put(o, "in_region_totals", json_object_new_boolean(x->c.in_totals));
    put(o, "lat", num(x->c.lat, 4));
    put(o, "lon", num(x->c.lon, 4));
    put(o, "relative_uncertainty", num(x->rel_unc, 3));
    for (int k = 0; k < d->nday; k++) json_object_array_add(cd, city_day(d, x, k));
    put(o, "days", cd);
    json_object_array_add(cities, o);
  }
  put(root, "cities", cities);
  return root;
}

int bd_write_json(const bd_doc *d, const char *path, tf_err *err)
{
  json_object *root = document(d);
  char part[1300];
  FILE *f = tfio_fopen_partial(path, part, sizeof part, err);
  if (!f) { json_object_put(root); return err->code; }
  fputs(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), f);
  fputc('\n', f);
  json_object_put(root);
  return tfio_fclose_commit(f, part, path, err);
}
