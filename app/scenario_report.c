/* scenario_report.c — scenario study summary (see scenario_report.h): reads the city
 * tables of the members, pairs each member's city series with the baseline's by city and
 * day, computes the response with post/scenario_stats and writes CSV, JSON and Markdown
 * through io/csv/atomic_file (a failed write leaves no file that looks complete). */
#include "app/scenario_report.h"
#include "io/csv/atomic_file.h"
#include "io/csv/csv.h"
#include "post/scenario_stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_LEN 96
#define DATE_LEN 16

typedef struct city_info {
  char name[NAME_LEN], province[32];
  double pop;
  int in_totals;
} city_info;

/* One run's city table as [ncity][nday] arrays in the cities-table order. */
typedef struct run_table {
  int nday;
  char (*date)[DATE_LEN];
  double *mda8, *max1h; /* [ncity * nday], NaN where absent or not valid */
} run_table;

static void run_table_free(run_table *t)
{
  free(t->date), free(t->mda8), free(t->max1h);
  *t = (run_table){0};
}

static int read_cities(const char *path, city_info **out, int *n, tf_err *err)
{
  csv_table *t = NULL;
  int rc = csv_read(path, &t, err);
  if (rc) return rc;
  static const char *const cols[] = {"name_pinyin", "pop_census2020_resident_total", "province", "in_region_totals"};
  int idx[4];
  city_info *c = NULL;
  if ((rc = csv_require_cols(t, 4, cols, idx, err))) goto done;
  c = calloc((size_t)t->nrow + 1, sizeof *c);
  if (!c) { rc = tf_err_set(err, TF_ENOMEM, "out of memory"); goto done; }
  for (int r = 0; r < t->nrow; r++) {
    if ((rc = csv_copy_str(t, r, idx[0], c[r].name, NAME_LEN, 1, err)) ||
        (c[r].pop = NAN, *csv_str(t, r, idx[1]) && (rc = csv_double(t, r, idx[1], &c[r].pop, err))) ||
        (rc = csv_copy_str(t, r, idx[2], c[r].province, sizeof c[r].province, 1, err)) ||
        (rc = csv_bool(t, r, idx[3], &c[r].in_totals, err)))
      goto done;
  }
  *n = t->nrow;
done:
  csv_destroy(&t);
  if (rc) free(c);
  else *out = c;
  return rc;
}

static int find_city(const city_info *c, int n, const char *name)
{
  for (int i = 0; i < n; i++)
    if (strcmp(c[i].name, name) == 0) return i;
  return -1;
}

static int find_date(const run_table *t, const char *d)
{
  for (int i = 0; i < t->nday; i++)
    if (strcmp(t->date[i], d) == 0) return i;
  return -1;
}

/* A number, or "nan" / empty (what the city table writes for a day without a value). */
static int num_or_nan(const csv_table *t, int row, int col, double *v, tf_err *err)
{
  const char *s = csv_str(t, row, col);
  if (!*s || !strcmp(s, "nan") || !strcmp(s, "NaN")) { *v = NAN; return TF_OK; }
  return csv_double(t, row, col, v, err);
}

static int cmp_date(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }

/* Read a <stem>_cities.csv; rows in any order, dates sorted ascending (ISO dates sort as
 * strings). */
static int read_run(const char *path, const city_info *ci, int nc, run_table *out, tf_err *err)
{
  csv_table *t = NULL;
  int rc = csv_read(path, &t, err);
  if (rc) return rc;
  static const char *const cols[] = {"city", "date", "o3_mda8_ugm3", "mda8_valid", "o3_max1h_ugm3"};
  int idx[5];
  run_table r = {0};
  if ((rc = csv_require_cols(t, 5, cols, idx, err))) goto done;
  r.date = calloc((size_t)t->nrow + 1, sizeof *r.date);
  r.mda8 = malloc(((size_t)nc * t->nrow + 1) * sizeof *r.mda8);
  r.max1h = malloc(((size_t)nc * t->nrow + 1) * sizeof *r.max1h);
  if (!r.date || !r.mda8 || !r.max1h) { rc = tf_err_set(err, TF_ENOMEM, "out of memory"); goto done; }
  for (int r0 = 0; r0 < t->nrow; r0++) {
    const char *d = csv_str(t, r0, idx[1]);
    if (strlen(d) != 10) {
      rc = tf_err_set(err, TF_EFORMAT, "%s:%d: date '%s' is not YYYY-MM-DD", path, t->line[r0], d);
      goto done;
    }
    if (find_date(&r, d) < 0) snprintf(r.date[r.nday++], DATE_LEN, "%s", d);
  }
  qsort(r.date, (size_t)r.nday, sizeof *r.date, cmp_date);
  for (size_t i = 0; i < (size_t)nc * r.nday; i++) r.mda8[i] = r.max1h[i] = NAN;
  for (int r0 = 0; r0 < t->nrow; r0++) {
    int c = find_city(ci, nc, csv_str(t, r0, idx[0])), d = find_date(&r, csv_str(t, r0, idx[1]));
    if (c < 0) continue; /* a city the cities table lacks: not reported */
    double mda8, max1h;
    int valid;
    if ((rc = num_or_nan(t, r0, idx[2], &mda8, err)) || (rc = csv_bool(t, r0, idx[3], &valid, err)) ||
        (rc = num_or_nan(t, r0, idx[4], &max1h, err)))
      goto done;
    r.mda8[(size_t)c * r.nday + d] = valid ? mda8 : NAN;
    r.max1h[(size_t)c * r.nday + d] = max1h;
  }
done:
  csv_destroy(&t);
  if (rc) run_table_free(&r);
  else *out = r;
  return rc;
}

/* Region aggregate of one member: cities with in_totals and matching province (NULL = all). */
typedef struct region_sum {
  double d_mda8_popw, pop;
  int exceed_base, exceed_member, good_base, good_member, ncity;
} region_sum;

static region_sum region_of(const city_info *ci, int nc, const scst_city *s, const char *prov)
{
  region_sum g = {0};
  double *w = malloc(((size_t)nc + 1) * sizeof *w), *x = malloc(((size_t)nc + 1) * sizeof *x);
  int k = 0;
  for (int c = 0; c < nc && w && x; c++) {
    if (!ci[c].in_totals || (prov && strcmp(ci[c].province, prov) != 0) || s[c].ndays_paired == 0) continue;
    w[k] = ci[c].pop, x[k++] = s[c].d_mda8_mean;
    if (isfinite(ci[c].pop)) g.pop += ci[c].pop;
    g.exceed_base += s[c].exceed_base, g.exceed_member += s[c].exceed_member;
    g.good_base += s[c].good_base, g.good_member += s[c].good_member;
    g.ncity++;
  }
  g.d_mda8_popw = w && x ? scst_weighted_mean(k, w, x) : NAN;
  free(w), free(x);
  return g;
}

static const char *const region_name[3] = {"Sichuan", "Chongqing", "basin"};
static const char *const pol_name[5] = {"NOX", "NMVOC", "CO", "SO2", "NH3"};
#define AQI_BASIS "O3 MDA8 only (HJ 633-2026; no 24-h NO2/SO2/CO in the city table, PM not modelled)"

/* JSON number or null */
static void jnum(FILE *f, const char *key, double v, int comma)
{
  if (isfinite(v)) fprintf(f, "\"%s\": %.4f%s", key, v, comma ? ", " : "");
  else fprintf(f, "\"%s\": null%s", key, comma ? ", " : "");
}

/* µg/m3 of ΔMDA8 per 1,000 t/yr of NOX + NMVOC removed (NaN when nothing known removed). */
static double per_kt(double d, const double *t)
{
  double s = (isnan(t[0]) ? 0 : t[0]) + (isnan(t[1]) ? 0 : t[1]);
  return s > 0 ? d / (s / 1000.0) : NAN;
}

static int write_outputs(const char *dir, const city_info *ci, int nc, int n, const scenrep_member *m,
                         const run_table *rt, scst_city *const *st, tf_err *err)
{
  char fin[3][1200], part[3][1300];
  FILE *f[3] = {0};
  const char *ext[3] = {"scenario_cities.csv", "scenario_summary.json", "scenario_summary.md"};
  int rc = TF_OK;
  for (int i = 0; i < 3; i++) {
    snprintf(fin[i], sizeof fin[i], "%s/%s", dir, ext[i]);
    if (!(f[i] = tfio_fopen_partial(fin[i], part[i], sizeof part[i], err))) { rc = err->code; goto fail; }
  }
  fprintf(f[0], "# Tianfu scenario response per city vs the baseline '%s'; µg/m3 at 298.15 K; good days: daily AQI <= 100 from %s\n", m[0].name, AQI_BASIS);
  fprintf(f[0], "member,city,province,days,d_mda8_mean_ugm3,worst_day,mda8_worst_base_ugm3,d_mda8_worst_ugm3,d_max1h_mean_ugm3,"
                "exceed_days_base,exceed_days_member,exceed_days_avoided,o3_index_base,o3_index_member,good_days_base,good_days_member,d_mda8_per_kt_nox_voc\n");
  fprintf(f[1], "{\n  \"schema\": \"tianfu-scenario-summary/1\",\n  \"baseline\": \"%s\",\n  \"units\": \"ug m-3 at 298.15 K, 1013.25 hPa\",\n  \"aqi_basis\": \"%s\",\n  \"days\": [", m[0].name, AQI_BASIS);
  for (int d = 0; d < rt[0].nday; d++) fprintf(f[1], "%s\"%s\"", d ? ", " : "", rt[0].date[d]);
  fprintf(f[1], "],\n  \"members\": [\n");
  fprintf(f[2], "# Scenario summary\n\nBaseline: `%s`. Days: %s to %s. µg/m³ at 298.15 K. Good days use the daily AQI from %s.\n",
          m[0].name, rt[0].nday ? rt[0].date[0] : "-", rt[0].nday ? rt[0].date[rt[0].nday - 1] : "-", AQI_BASIS);
  for (int k = 1; k < n; k++) {
    fprintf(f[1], "    {\"name\": \"%s\", \"removed_t_yr\": {", m[k].name);
    for (int p = 0; p < 5; p++) { jnum(f[1], pol_name[p], m[k].removed_t_yr[p], p < 4); }
    fprintf(f[1], "},\n     \"regions\": [");
    fprintf(f[2], "\n## %s\n\nRemoved (t/yr):", m[k].name);
    for (int p = 0; p < 5; p++)
      if (isfinite(m[k].removed_t_yr[p])) fprintf(f[2], " %s %.0f", pol_name[p], m[k].removed_t_yr[p]);
    fprintf(f[2], "\n\n| region | cities | pop.-weighted ΔMDA8 | exceedance days (base → member) | good days (base → member) |\n|---|---|---|---|---|\n");
    for (int g = 0; g < 3; g++) {
      region_sum s = region_of(ci, nc, st[k], g < 2 ? region_name[g] : NULL);
      fprintf(f[1], "%s\n       {\"region\": \"%s\", \"cities\": %d, ", g ? "," : "", region_name[g], s.ncity);
      jnum(f[1], "d_mda8_pop_weighted", s.d_mda8_popw, 1);
      fprintf(f[1], "\"exceed_days_base\": %d, \"exceed_days_member\": %d, \"good_days_base\": %d, \"good_days_member\": %d}",
              s.exceed_base, s.exceed_member, s.good_base, s.good_member);
      fprintf(f[2], "| %s | %d | %+.2f | %d → %d | %d → %d |\n", region_name[g], s.ncity, s.d_mda8_popw,
              s.exceed_base, s.exceed_member, s.good_base, s.good_member);
    }
    fprintf(f[1], "],\n     \"cities\": [");
    fprintf(f[2], "\n| city | ΔMDA8 mean | worst day | ΔMDA8 worst | Δmax 1-h | exceedance days avoided | O3 index | good days |\n|---|---|---|---|---|---|---|---|\n");
    int first = 1;
    for (int c = 0; c < nc; c++) {
      const scst_city *s = &st[k][c];
      if (s->ndays_paired == 0) continue;
      const char *wd = s->worst_day >= 0 ? rt[0].date[s->worst_day] : "";
      double pk = per_kt(s->d_mda8_mean, m[k].removed_t_yr);
      char pks[32] = "";
      if (isfinite(pk)) snprintf(pks, sizeof pks, "%.4g", pk);
      fprintf(f[0], "%s,%s,%s,%d,%.3f,%s,%.3f,%.3f,%.3f,%d,%d,%d,%.4f,%.4f,%d,%d,%s\n", m[k].name, ci[c].name,
              ci[c].province, s->ndays_paired, s->d_mda8_mean, wd, s->mda8_worst_base, s->d_mda8_worst,
              s->d_max1h_mean, s->exceed_base, s->exceed_member, s->exceed_base - s->exceed_member,
              s->o3_index_base, s->o3_index_member, s->good_base, s->good_member, pks);
      fprintf(f[1], "%s\n       {\"city\": \"%s\", \"province\": \"%s\", \"days\": %d, ", first ? "" : ",", ci[c].name,
              ci[c].province, s->ndays_paired);
      jnum(f[1], "d_mda8_mean", s->d_mda8_mean, 1);
      fprintf(f[1], "\"worst_day\": \"%s\", ", wd);
      jnum(f[1], "d_mda8_worst", s->d_mda8_worst, 1);
      jnum(f[1], "d_max1h_mean", s->d_max1h_mean, 1);
      fprintf(f[1], "\"exceed_days_base\": %d, \"exceed_days_member\": %d, ", s->exceed_base, s->exceed_member);
      jnum(f[1], "o3_index_base", s->o3_index_base, 1);
      jnum(f[1], "o3_index_member", s->o3_index_member, 1);
      fprintf(f[1], "\"good_days_base\": %d, \"good_days_member\": %d, ", s->good_base, s->good_member);
      jnum(f[1], "d_mda8_per_kt_nox_voc", pk, 0);
      fprintf(f[1], "}");
      fprintf(f[2], "| %s | %+.2f | %s | %+.2f | %+.2f | %d | %.3f → %.3f | %d → %d |\n", ci[c].name, s->d_mda8_mean, wd,
              s->d_mda8_worst, s->d_max1h_mean, s->exceed_base - s->exceed_member, s->o3_index_base,
              s->o3_index_member, s->good_base, s->good_member);
      first = 0;
    }
    fprintf(f[1], "]}%s\n", k < n - 1 ? "," : "");
  }
  fprintf(f[1], "  ]\n}\n");
  for (int i = 0; i < 3; i++) {
    int r2 = tfio_fclose_commit(f[i], part[i], fin[i], err);
    f[i] = NULL;
    if (r2 && !rc) rc = r2;
  }
  return rc;
fail:
  for (int i = 0; i < 3; i++)
    if (f[i]) fclose(f[i]), tfio_discard(part[i]);
  return rc;
}

int scenrep_write(const char *dir, const char *cities_table, int n, const scenrep_member *m, tf_err *err)
{
  city_info *ci = NULL;
  int nc = 0, rc;
  if (n < 2) return tf_err_set(err, TF_EINVAL, "scenario report: needs the baseline and at least one member (got %d runs)", n);
  if ((rc = read_cities(cities_table, &ci, &nc, err))) return rc;
  run_table *rt = calloc((size_t)n, sizeof *rt);
  scst_city **st = calloc((size_t)n, sizeof *st);
  if (!rt || !st) { rc = tf_err_set(err, TF_ENOMEM, "out of memory"); goto done; }
  for (int k = 0; k < n && !rc; k++) {
    if ((rc = read_run(m[k].cities_csv, ci, nc, &rt[k], err))) break;
    int same = rt[k].nday == rt[0].nday;
    for (int d = 0; same && d < rt[0].nday; d++) same = strcmp(rt[k].date[d], rt[0].date[d]) == 0;
    if (!same)
      rc = tf_err_set(err, TF_EINVAL, "%s: member '%s' covers %d days from %s, the baseline %s %d days from %s",
                      m[k].cities_csv, m[k].name, rt[k].nday, rt[k].nday ? rt[k].date[0] : "-", m[0].cities_csv,
                      rt[0].nday, rt[0].nday ? rt[0].date[0] : "-");
  }
  for (int k = 1; k < n && !rc; k++) {
    if (!(st[k] = calloc((size_t)nc + 1, sizeof **st))) { rc = tf_err_set(err, TF_ENOMEM, "out of memory"); break; }
    for (int c = 0; c < nc; c++) {
      scst_days b = {.ndays = rt[0].nday, .mda8 = rt[0].mda8 + (size_t)c * rt[0].nday, .max1h = rt[0].max1h + (size_t)c * rt[0].nday};
      scst_days s = {.ndays = rt[k].nday, .mda8 = rt[k].mda8 + (size_t)c * rt[k].nday, .max1h = rt[k].max1h + (size_t)c * rt[k].nday};
      scst_compare(&b, &s, NULL, AQI_HJ633_2026, &st[k][c]);
    }
  }
  if (!rc) rc = write_outputs(dir, ci, nc, n, m, rt, st, err);
done:
  for (int k = 0; rt && st && k < n; k++) run_table_free(&rt[k]), free(st[k]);
  free(rt), free(st), free(ci);
  return rc;
}
