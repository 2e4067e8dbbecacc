/* bulletin.c — `tianfu bulletin`: read a forecast run's city hour means, compute the city
 * forecasts of the bulletin (post/bulletin.h: daily statistics by GB 3095/HJ 663, HJ 633
 * AQI, the published AQI and level range, warning and advisory rules), the regional
 * summary, and write bulletin.json and bulletin.html beside the forecast.
 *
 * Inputs (README "Forecast products"):
 *   <stem>_city_hours.csv   written by tianfu run: city,name_zh,province,in_region_totals,
 *                           lat,lon,date,hour,o3_ugm3,no2_ugm3,so2_ugm3,co_mgm3; hour-ending
 *                           1..24 Beijing time, empty = not forecast;
 *   <stem>_daily.nc         the daily fields, for the maps;
 *   [bulletin] pm_file      optional: city,date,pm25_ugm3,pm10_ugm3 (24-h means, e.g. the
 *                           national forecast or yesterday's observations);
 *   [bulletin] uncertainty_file  optional: city,relative_uncertainty (e.g. from recent
 *                           forecast errors), overriding relative_uncertainty per city.
 * Every row is checked: a bad number, an hour outside 1..24, a repeated city-hour, a gap
 * in the dates or an unknown city is refused naming file:line:column. */
#include "bulletin.h"
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "bulletin_doc.h"
#include "datadir.h"
#include "io/csv/csv.h"

const char *const bd_gas_name[BD_NGAS] = {"O3", "NO2", "SO2", "CO"};
const char *const bd_region_name[BD_NREGION] = {"Sichuan", "Chongqing", "basin"};

int bd_in_region(const bd_city *c, int g)
{
  if (!c->c.in_totals) return 0;
  if (g == BD_BASIN) return 1;
  return !strcmp(c->c.province, bd_region_name[g]);
}

void bd_level_colour(int level, char out[8])
{
  unsigned char rgb[3] = {0xBE, 0xBE, 0xBE};
  if (level >= 1 && level <= 6) aqi_level_rgb(level, rgb);
  snprintf(out, 8, "#%02X%02X%02X", rgb[0], rgb[1], rgb[2]);
}

/* Days since 1970-01-01 of "YYYY-MM-DD" (proleptic Gregorian), or INT32_MIN if malformed. */
static long day_number(const char *s)
{
  int y, m, d;
  char tail;
  if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
    return -99999999L;
  static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > mdays[m - 1] || (m == 2 && d == 29 && !((y % 4 == 0 && y % 100) || y % 400 == 0))) return -99999999L;
  /* days from civil (H. Hinnant's algorithm) */
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void date_of(long dn, char out[11])
{
  time_t t = (time_t)dn * 86400;
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 11, "%Y-%m-%d", &tm);
}

static int find_city(const bd_doc *d, const char *name)
{
  for (int c = 0; c < d->ncity; c++)
    if (!strcmp(d->city[c].c.name, name)) return c;
  return -1;
}

/* An empty cell is NaN, else a finite number >= 0. */
static int value_or_nan(const csv_table *t, int row, int col, double *v, tf_err *err)
{
  if (!*csv_str(t, row, col)) { *v = NAN; return TF_OK; }
  if (csv_double(t, row, col, v, err)) return err->code;
  return csv_check_range(t, row, col, *v, 0.0, 1e6, err);
}

/* Pass 1: the cities in file order and the range of dates. */
static int scan_hours(bd_doc *d, const csv_table *t, const int *ix, tf_err *err)
{
  long lo = 0, hi = 0;
  for (int r = 0; r < t->nrow; r++) {
    long dn = day_number(csv_str(t, r, ix[6]));
    if (dn == -99999999L)
      return tf_err_set(err, TF_EFORMAT, "%s:%d:%d: column 'date': expected a date YYYY-MM-DD, found '%s'", t->name,
                        t->line[r], ix[6] + 1, csv_str(t, r, ix[6]));
    if (r == 0 || dn < lo) lo = dn;
    if (r == 0 || dn > hi) hi = dn;
    if (find_city(d, csv_str(t, r, ix[0])) >= 0) continue;
    bd_city *c = &d->city[d->ncity];
    if (csv_copy_str(t, r, ix[0], c->c.name, sizeof c->c.name, 1, err) ||
        csv_copy_str(t, r, ix[1], c->c.name_zh, sizeof c->c.name_zh, 0, err) ||
        csv_copy_str(t, r, ix[2], c->c.province, sizeof c->c.province, 0, err) ||
        csv_int(t, r, ix[3], &c->c.in_totals, err) || csv_double(t, r, ix[4], &c->c.lat, err) ||
        csv_check_range(t, r, ix[4], c->c.lat, -90, 90, err) || csv_double(t, r, ix[5], &c->c.lon, err) ||
        csv_check_range(t, r, ix[5], c->c.lon, -180, 360, err))
      return err->code;
    d->ncity++;
  }
  if (hi - lo > 366)
    return tf_err_set(err, TF_EFORMAT, "%s: dates span %ld days (more than a year): not one forecast", t->name, hi - lo + 1);
  d->nday = (int)(hi - lo + 1);
  if (!(d->date = tf_calloc((size_t)d->nday, sizeof *d->date, err))) return err->code;
  for (int k = 0; k < d->nday; k++) date_of(lo + k, d->date[k]);
  return TF_OK;
}

static int read_hours(bd_doc *d, tf_err *err)
{
  csv_table *t = NULL;
  static const char *const cols[12] = {"city", "name_zh", "province", "in_region_totals", "lat", "lon", "date",
                                       "hour", "o3_ugm3", "no2_ugm3", "so2_ugm3", "co_mgm3"};
  int ix[12], rc;
  if ((rc = csv_read(d->hours_csv, &t, err)) || (rc = csv_require_cols(t, 12, cols, ix, err))) goto done;
  if (t->nrow == 0) { rc = tf_err_set(err, TF_EFORMAT, "%s: no rows: the run forecast no hour", t->name); goto done; }
  if (!(d->city = tf_calloc((size_t)t->nrow, sizeof *d->city, err))) { rc = err->code; goto done; }
  if ((rc = scan_hours(d, t, ix, err))) goto done;
  long first = day_number(d->date[0]), start = -1;
  size_t nh = (size_t)d->nday * 24;
  for (int c = 0; c < d->ncity; c++)
    for (int g = 0; g < BD_NGAS; g++) {
      if (!(d->city[c].hour[g] = tf_malloc(nh * sizeof(double), err))) { rc = err->code; goto done; }
      for (size_t k = 0; k < nh; k++) d->city[c].hour[g][k] = -1.0; /* -1: no row yet */
    }
  for (int r = 0; r < t->nrow; r++) {
    bd_city *c = &d->city[find_city(d, csv_str(t, r, ix[0]))];
    int h;
    if ((rc = csv_int(t, r, ix[7], &h, err)) || (rc = csv_check_range(t, r, ix[7], h, 1, 24, err))) goto done;
    long k = (day_number(csv_str(t, r, ix[6])) - first) * 24 + h - 1;
    if (c->hour[0][k] != -1.0) {
      rc = tf_err_set(err, TF_EFORMAT, "%s:%d: city '%s' %s hour %d appears twice", t->name, t->line[r], c->c.name,
                      csv_str(t, r, ix[6]), h);
      goto done;
    }
    int any = 0;
    for (int g = 0; g < BD_NGAS; g++) {
      if ((rc = value_or_nan(t, r, ix[8 + g], &c->hour[g][k], err))) goto done;
      if (!isnan(c->hour[g][k])) c->has[g] = any = 1;
    }
    if (any && (start < 0 || k < start)) start = k;
  }
  if (start < 0) { rc = tf_err_set(err, TF_EFORMAT, "%s: every value is empty: the run forecast no hour", t->name); goto done; }
  for (int c = 0; c < d->ncity; c++)
    for (int g = 0; g < BD_NGAS; g++) {
      for (size_t k = 0; k < nh; k++)
        if (d->city[c].hour[g][k] == -1.0) d->city[c].hour[g][k] = NAN;
      if (!d->city[c].has[g]) free(d->city[c].hour[g]), d->city[c].hour[g] = NULL;
    }
  for (int c = 0; c < d->ncity; c++)
    if (!d->city[c].hour[BD_O3]) {
      rc = tf_err_set(err, TF_EFORMAT, "%s: column 'o3_ugm3' is empty for every hour of city '%s'", t->name,
                      d->city[c].c.name);
      goto done;
    }
  d->start_day = (int)(start / 24);
  snprintf(d->start, sizeof d->start, "%sT%02ld:00+08:00", d->date[d->start_day], start % 24);
done:
  csv_destroy(&t);
  return rc;
}

static int read_pm(bd_doc *d, tf_err *err)
{
  csv_table *t = NULL;
  static const char *const cols[4] = {"city", "date", "pm25_ugm3", "pm10_ugm3"};
  int ix[4], rc;
  if ((rc = csv_read(d->cfg->pm_file, &t, err)) || (rc = csv_require_cols(t, 4, cols, ix, err))) goto done;
  for (int c = 0; c < d->ncity; c++) {
    if (!(d->city[c].pm25 = tf_malloc((size_t)d->nday * sizeof(double), err)) ||
        !(d->city[c].pm10 = tf_malloc((size_t)d->nday * sizeof(double), err))) { rc = err->code; goto done; }
    for (int k = 0; k < d->nday; k++) d->city[c].pm25[k] = d->city[c].pm10[k] = NAN;
  }
  long first = day_number(d->date[0]);
  for (int r = 0; r < t->nrow; r++) {
    int c = find_city(d, csv_str(t, r, ix[0]));
    if (c < 0) {
      rc = tf_err_set(err, TF_EFORMAT, "%s:%d:%d: city '%s' is not a city of the forecast (%s)", t->name, t->line[r], ix[0] + 1,
                      csv_str(t, r, ix[0]), d->hours_csv);
      goto done;
    }
    long dn = day_number(csv_str(t, r, ix[1]));
    if (dn == -99999999L) {
      rc = tf_err_set(err, TF_EFORMAT, "%s:%d:%d: column 'date': expected a date YYYY-MM-DD, found '%s'", t->name,
                      t->line[r], ix[1] + 1, csv_str(t, r, ix[1]));
      goto done;
    }
    if (dn < first || dn >= first + d->nday) continue; /* a day the forecast does not cover */
    if ((rc = value_or_nan(t, r, ix[2], &d->city[c].pm25[dn - first], err)) ||
        (rc = value_or_nan(t, r, ix[3], &d->city[c].pm10[dn - first], err)))
      goto done;
  }
  d->has_pm = 1;
done:
  csv_destroy(&t);
  return rc;
}

static int read_uncertainty(bd_doc *d, tf_err *err)
{
  csv_table *t = NULL;
  static const char *const cols[2] = {"city", "relative_uncertainty"};
  int ix[2], rc;
  if ((rc = csv_read(d->cfg->unc_file, &t, err)) || (rc = csv_require_cols(t, 2, cols, ix, err))) goto done;
  for (int r = 0; r < t->nrow; r++) {
    int c = find_city(d, csv_str(t, r, ix[0]));
    if (c < 0) {
      rc = tf_err_set(err, TF_EFORMAT, "%s:%d:%d: city '%s' is not a city of the forecast (%s)", t->name, t->line[r], ix[0] + 1,
                      csv_str(t, r, ix[0]), d->hours_csv);
      goto done;
    }
    if ((rc = csv_double(t, r, ix[1], &d->city[c].rel_unc, err)) ||
        (rc = csv_check_range(t, r, ix[1], d->city[c].rel_unc, 0.0, 0.9, err)))
      goto done;
  }
done:
  csv_destroy(&t);
  return rc;
}

static int parse_rules(bd_doc *d, tf_err *err)
{
  d->nrule = d->cfg->nrule;
  if (!(d->rule = tf_calloc((size_t)(d->nrule ? d->nrule : 1), sizeof *d->rule, err))) return err->code;
  for (int i = 0; i < d->nrule; i++) {
    const bulletin_rule_cfg *rc = &d->cfg->rule[i];
    bl_rule *r = &d->rule[i];
    char why[300];
    if (bl_rule_parse(rc->rule, r, why, sizeof why)) {
      tf_err_set(err, TF_EINVAL, "%s", why);
      return bulletin_config_key_err(d->cfg, rc->section, "rule", err);
    }
    snprintf(r->name, sizeof r->name, "%s", rc->name);
    r->kind = rc->advisory ? BL_ADVISORY : BL_WARNING;
    snprintf(r->colour, sizeof r->colour, "%s", rc->colour);
    snprintf(r->zh, sizeof r->zh, "%s", rc->zh);
    snprintf(r->en, sizeof r->en, "%s", rc->en);
  }
  return TF_OK;
}

static int compute(bd_doc *d, tf_err *err)
{
  const bl_day **days = tf_calloc((size_t)d->ncity, sizeof *days, err);
  int *member = tf_calloc((size_t)d->ncity, sizeof *member, err);
  int rc = TF_OK;
  if (!days || !member) { rc = err->code; goto done; }
  for (int c = 0; c < d->ncity; c++) {
    bd_city *x = &d->city[c];
    if (!(x->day = tf_calloc((size_t)d->nday, sizeof *x->day, err))) { rc = err->code; goto done; }
    bl_city_in in = {.o3 = x->hour[BD_O3], .no2 = x->hour[BD_NO2], .so2 = x->hour[BD_SO2], .co = x->hour[BD_CO],
                     .pm25 = x->pm25, .pm10 = x->pm10, .rel_unc = x->rel_unc};
    bl_city_days((aqi_edition)d->cfg->edition, &in, d->nday, x->day);
    bl_apply_rules(d->rule, d->nrule, x->day, d->nday);
    days[c] = x->day;
  }
  for (int g = 0; g < BD_NREGION; g++) {
    if (!(d->region[g] = tf_calloc((size_t)d->nday, sizeof *d->region[g], err))) { rc = err->code; goto done; }
    for (int c = 0; c < d->ncity; c++) member[c] = bd_in_region(&d->city[c], g);
    for (int k = 0; k < d->nday; k++) bl_region_summary(days, member, d->ncity, k, &d->region[g][k]);
  }
done:
  free(days);
  free(member);
  return rc;
}

/* forecast = a folder holding exactly one *_city_hours.csv, or a forecast <stem>.nc. */
static int resolve_input(bd_doc *d, const char *forecast, tf_err *err)
{
  size_t n = strlen(forecast);
  char stem[1100] = "";
  if (n > 3 && !strcmp(forecast + n - 3, ".nc")) {
    snprintf(stem, sizeof stem, "%.*s", (int)(n - 3), forecast);
    const char *slash = strrchr(forecast, '/');
    if (slash) snprintf(d->dir, sizeof d->dir, "%.*s", (int)(slash - forecast), forecast);
    else snprintf(d->dir, sizeof d->dir, ".");
  } else {
    snprintf(d->dir, sizeof d->dir, "%s", forecast);
    DIR *dir = opendir(forecast);
    if (!dir) return tf_err_set(err, TF_EIO, "%s: cannot open the forecast folder (expected a run's output_dir or its <stem>.nc)", forecast);
    struct dirent *e;
    int found = 0;
    while ((e = readdir(dir))) {
      size_t m = strlen(e->d_name);
      const char *suf = "_city_hours.csv";
      size_t ns = strlen(suf);
      if (m > ns && !strcmp(e->d_name + m - ns, suf)) {
        if (found++) {
          closedir(dir);
          return tf_err_set(err, TF_EINVAL, "%s: holds more than one forecast (*_city_hours.csv: '%s' and another); name "
                            "the forecast's .nc instead", forecast, e->d_name);
        }
        snprintf(stem, sizeof stem, "%s/%.*s", forecast, (int)(m - ns), e->d_name);
      }
    }
    closedir(dir);
    if (!found)
      return tf_err_set(err, TF_EIO, "%s: no *_city_hours.csv (the city hour means tianfu run writes when "
                        "[output] cities is set): not a forecast output folder", forecast);
  }
  snprintf(d->hours_csv, sizeof d->hours_csv, "%s_city_hours.csv", stem);
  snprintf(d->daily_nc, sizeof d->daily_nc, "%s_daily.nc", stem);
  if (!tf_file_exists(d->hours_csv))
    return tf_err_set(err, TF_EIO, "%s: missing (the city hour means of the forecast %s.nc)", d->hours_csv, stem);
  if (!tf_file_exists(d->daily_nc)) d->daily_nc[0] = 0;
  return TF_OK;
}

static void print_summary(const bd_doc *d, FILE *f, const char *html, const char *json)
{
  fprintf(f, "Bulletin: %d cities, %s to %s (forecast from %s), AQI %s, %s\n", d->ncity, d->date[0],
          d->date[d->nday - 1], d->start, d->cfg->edition ? "HJ 633-2012" : "HJ 633-2026", d->aqi_covers);
  for (int i = 0; i < d->nnote; i++) fprintf(f, "note: %s\n", d->note[i]);
  fprintf(f, "%-10s %4s  %-9s %6s %9s %9s  %-22s %s\n", "date", "lead", "region", "cities", "AQI>100", "MDA8>160",
          "worst city (AQI)", "warning / advisory");
  for (int k = 0; k < d->nday; k++)
    for (int g = 0; g < BD_NREGION; g++) {
      const bl_region_day *r = &d->region[g][k];
      if (!r->nvalid) {
        if (g == 0) fprintf(f, "%-10s %4d  (no complete forecast day)\n", d->date[k], k - d->start_day);
        break;
      }
      char worst[96] = "-";
      if (r->worst_city >= 0) snprintf(worst, sizeof worst, "%s (%d)", d->city[r->worst_city].c.name, r->worst_aqi);
      const char *w = r->nwarn_rule_max >= 0 ? d->rule[r->nwarn_rule_max].name : "-";
      const char *a = r->nadv_rule_max >= 0 ? d->rule[r->nadv_rule_max].name : "-";
      fprintf(f, "%-10s %4d  %-9s %6d %4d/%-4d %4d/%-4d  %-22s %s / %s\n", g ? "" : d->date[k], k - d->start_day,
              bd_region_name[g], r->ncity, r->n_over100, r->nvalid, r->n_mda8_over160, r->nvalid, worst, w, a);
    }
  fprintf(f, "bulletin: %s\nbulletin: %s\n", html, json);
}

static void doc_free(bd_doc *d)
{
  for (int c = 0; d->city && c < d->ncity; c++) {
    for (int g = 0; g < BD_NGAS; g++) free(d->city[c].hour[g]);
    free(d->city[c].pm25), free(d->city[c].pm10), free(d->city[c].day), free(d->city[c].series_b64);
  }
  for (int k = 0; d->map_b64 && k < d->nday * BD_NMAP; k++) free(d->map_b64[k]);
  free(d->map_b64);
  free(d->city);
  free(d->date);
  free(d->rule);
  for (int g = 0; g < BD_NREGION; g++) free(d->region[g]);
  bulletin_config_destroy(&d->cfg);
}

int bulletin_make(const char *forecast, const char *config, const char *const *notes, int nnotes, FILE *print_to,
                  tf_err *err)
{
  bd_doc d = {.nnote = nnotes, .note = notes};
  char builtin[1024], html[1200], json[1200];
  int rc;
  if (!config) config = tf_data_path(builtin, sizeof builtin, "bulletin/bulletin.ini");
  if ((rc = resolve_input(&d, forecast, err))) goto done;
  if (!(d.cfg = bulletin_config_load(config, err))) { rc = err->code; goto done; }
  if ((rc = parse_rules(&d, err)) || (rc = read_hours(&d, err))) goto done;
  for (int c = 0; c < d.ncity; c++) d.city[c].rel_unc = d.cfg->rel_unc;
  if (d.cfg->unc_file[0] && (rc = read_uncertainty(&d, err))) goto done;
  if (d.cfg->pm_file[0] && (rc = read_pm(&d, err))) goto done;
  if (d.has_pm)
    snprintf(d.aqi_covers, sizeof d.aqi_covers, "O3, NO2, SO2, CO forecast by Tianfu; PM2.5 and PM10 from %s", d.cfg->pm_file);
  else
    snprintf(d.aqi_covers, sizeof d.aqi_covers, "gaseous pollutants only (O3, NO2, SO2, CO): PM2.5 and PM10 are not "
             "modelled and no PM file was given");
  if ((rc = compute(&d, err))) goto done;
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(d.generated, sizeof d.generated, "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (d.cfg->maps && (rc = bd_draw(&d, err))) goto done;
  snprintf(json, sizeof json, "%s/bulletin.json", d.dir);
  snprintf(html, sizeof html, "%s/bulletin.html", d.dir);
  if ((rc = bd_write_json(&d, json, err)) || (rc = bd_write_html(&d, html, err))) goto done;
  if (print_to) print_summary(&d, print_to, html, json);
done:
  doc_free(&d);
  return rc;
}
