/* run_products.c — the forecast's products, wired from the post/ layer: hour-mean surface
 * series of the gases the AQI needs (O3, NO2, CO, SO2 when the mechanism has them;
 * post/series.h), their daily statistics per Beijing day (post/aqstats.h: O3 max 1-h and
 * MDA8, 24-h means and max 1-h of NO2, SO2, CO), written as <stem>_daily.nc, and the same
 * statistics at the city seats (post/sample.h, bilinear), written as <stem>_cities.csv and
 * printed. The series' current day is the products' restart state (run.c).
 *
 * Concentrations at the reference state of GB 3095-2026 §4.3 (298.15 K, 1013.25 hPa):
 * µg/m3 for O3, NO2, SO2; mg/m3 for CO. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/csv/atomic_file.h"
#include "model/core/tf_const.h"
#include "model/core/tf_time.h"
#include "post/aqstats.h"
#include "run_ctx.h"

/* The series, in this order when the mechanism has them (O3 is required at setup). */
static const char *const ser_names[RUN_NSER] = {"O3", "NO2", "CO", "SO2"};

int run_products_open(run_ctx *r, tf_err *err)
{
  const tf_grid *g = r->g;
  long day0 = post_day_of_hour_end(r->t_start);
  int nday = (int)(post_day_of_hour_end(r->t_end) - day0 + 1);
  const char *names[RUN_NSER];
  int np = 0;
  for (int p = 0; p < RUN_NSER; p++) {
    int s = state_find(r->st, ser_names[p]);
    if (s < 0) continue;
    names[np] = ser_names[p];
    r->prod.ser_spec[np++] = s;
  }
  size_t *cols = tf_calloc((size_t)g->nxo * (size_t)g->nyo, sizeof *cols, err);
  if (!cols) return err->code;
  size_t nc = 0;
  for (int j = 0; j < g->nyo; j++)
    for (int i = 0; i < g->nxo; i++) cols[nc++] = grid_idx2(g, i, j);
  r->prod.ser = post_series_create(np, names, g->n2, cols, nc, day0, nday, err);
  free(cols);
  if (!r->prod.ser) return err->code;
  /* sample points: the cities inside the domain, in table order */
  double *fi = tf_calloc((size_t)(r->ncity ? r->ncity : 1), sizeof(double), err);
  double *fj = tf_calloc((size_t)(r->ncity ? r->ncity : 1), sizeof(double), err);
  r->prod.city_pt = tf_calloc((size_t)(r->ncity ? r->ncity : 1), sizeof(int), err);
  int npt = 0, rc = (!fi || !fj || !r->prod.city_pt) ? err->code : TF_OK;
  for (int c = 0; !rc && c < r->ncity; c++) {
    r->prod.city_pt[c] = -1;
    if (!r->cities[c].inside) continue;
    fi[npt] = r->cities[c].fi;
    fj[npt] = r->cities[c].fj;
    r->prod.city_pt[c] = npt++;
  }
  if (!rc) {
    r->prod.city_smp = post_sampler_create(npt, fi, fj, g->nxo, g->nyo, grid_idx2(g, 0, 0), (size_t)g->sx, err);
    if (!r->prod.city_smp) rc = err->code;
  }
  free(fi);
  free(fj);
  return rc;
}

void run_products_free(run_ctx *r)
{
  post_series_destroy(&r->prod.ser);
  post_sampler_destroy(&r->prod.city_smp);
  free(r->prod.city_pt);
  r->prod.city_pt = NULL;
}

void run_products_step(run_ctx *r, double dt)
{
  for (int p = 0; r->prod.ser && p < post_series_npoll(r->prod.ser); p++)
    post_series_add(r->prod.ser, p, state_spec(r->st, r->prod.ser_spec[p]), dt);
}

void run_products_hour(run_ctx *r, double t)
{
  if (r->prod.ser) post_series_end_hour(r->prod.ser, t);
}

/* µg/m3 per ppb at the reference state, and the factor to the reported unit. */
static double ref_factor(const char *name, const char **unit)
{
  const aq_gas *gas = aq_gas_find(name);
  *unit = gas ? gas->unit : "ppb";
  return gas ? tf_ugm3_per_ppb(gas->mw_g_mol) * gas->per_ugm3 : 1.0;
}

/* Daily statistics of pollutant p on day d from a 24-value ppb series. */
static void stats_o3(const run_ctx *r, int d, const double *ppb, aq_day_o3 *out)
{
  const char *u;
  double v[24], f = ref_factor("O3", &u);
  for (int h = 0; h < 24; h++) v[h] = ppb[h] * f;
  aq_day_o3_stats(v, post_series_valid(r->prod.ser, d), out);
}

static void stats_mean(const run_ctx *r, int p, int d, const double *ppb, aq_day_mean *out)
{
  const char *u;
  double v[24], f = ref_factor(post_series_name(r->prod.ser, p), &u);
  for (int h = 0; h < 24; h++) v[h] = ppb[h] * f;
  aq_day_mean_stats(v, post_series_valid(r->prod.ser, d), out);
}

/* Variables of the daily file: O3 max 1-h, MDA8 and its validity; for the other gases
 * 24-h mean, its validity and max 1-h. */
typedef struct { int var[3]; } day_vars;

static int def_daily(run_ctx *r, cf_writer *w, day_vars *dv, tf_err *err)
{
  int rc = TF_OK;
  for (int p = 0; !rc && p < post_series_npoll(r->prod.ser); p++) {
    const char *nm = post_series_name(r->prod.ser, p), *unit;
    ref_factor(nm, &unit);
    const aq_gas *gas = aq_gas_find(nm);
    char n[3][64], ln[3][200];
    cf_var_def v[3];
    if (p == 0) { /* O3 */
      v[0] = (cf_var_def){.name = "O3_MAX1H", .long_name = "daily maximum of hour-ending 1-h mean surface ozone, Beijing day",
                          .standard_name = gas->cf_name, .units = unit, .cell_methods = "time: maximum", .axis = CF_TIME};
      v[1] = (cf_var_def){.name = "O3_MDA8",
                          .long_name = "daily maximum 8-h moving average surface ozone (GB 3095-2026 3.9, HJ 663 windows)",
                          .standard_name = gas->cf_name, .units = unit, .cell_methods = "time: maximum", .axis = CF_TIME};
      v[2] = (cf_var_def){.name = "O3_MDA8_valid",
                          .long_name = "1 if MDA8 meets the HJ 663 validity rule (>= 14 valid 8-h windows or above 160 ug m-3)",
                          .units = "1", .axis = CF_TIME};
    } else {
      snprintf(n[0], sizeof n[0], "%s_MEAN24", nm);
      snprintf(ln[0], sizeof ln[0], "24-h mean surface %s, Beijing day, at 298.15 K and 1013.25 hPa (GB 3095-2026)", nm);
      snprintf(n[1], sizeof n[1], "%s_MEAN24_valid", nm);
      snprintf(ln[1], sizeof ln[1], "1 if the 24-h mean of %s has >= 20 valid hours (GB 3095-2026 Table 4)", nm);
      snprintf(n[2], sizeof n[2], "%s_MAX1H", nm);
      snprintf(ln[2], sizeof ln[2], "daily maximum of hour-ending 1-h mean surface %s, Beijing day", nm);
      v[0] = (cf_var_def){.name = n[0], .long_name = ln[0], .standard_name = gas ? gas->cf_name : NULL, .units = unit,
                          .cell_methods = "time: mean", .axis = CF_TIME};
      v[1] = (cf_var_def){.name = n[1], .long_name = ln[1], .units = "1", .axis = CF_TIME};
      v[2] = (cf_var_def){.name = n[2], .long_name = ln[2], .standard_name = gas ? gas->cf_name : NULL, .units = unit,
                          .cell_methods = "time: maximum", .axis = CF_TIME};
    }
    for (int k = 0; !rc && k < 3; k++) rc = cf_def_var(w, &v[k], &dv[p].var[k], err);
  }
  return rc;
}

/* Daily fields go to their own file (<stem>_daily.nc) whose time axis is the Beijing day
 * with bounds, so CDO/NCO treat them as a time series (an extra time axis in the hourly
 * file would be shown as a level axis by CDO). */
int run_products_daily(run_ctx *r, tf_err *err)
{
  const tf_grid *g = r->g;
  int npoll = post_series_npoll(r->prod.ser), nday = post_series_ndays(r->prod.ser);
  long day0 = post_series_day0(r->prod.ser);
  char path[1400], src[64], a[32];
  snprintf(path, sizeof path, "%.1023s/%.255s_daily.nc", r->out.dir, r->out.stem);
  snprintf(src, sizeof src, "Tianfu %s", TIANFU_VERSION);
  tf_time_format(r->t_start, a, 0);
  double tref = (double)day0 * 86400.0 - TF_BEIJING_OFFSET_S;
  cf_meta meta = {.title = "Tianfu ozone forecast, daily statistics (Beijing days)", .institution = "Tianfu developers",
                  .source = src, .history = a,
                  .references = "GB 3095-2026 (MDA8, 24-h means, reference state); HJ 663 (8-h windows ending 08-24 h, >= 14 valid)",
                  .time_ref_s = tref};
  day_vars dv[RUN_NSER];
  cf_writer *w = cf_create(path, g, &meta, err);
  int rc = w ? TF_OK : err->code;
  if (!rc) rc = cf_def_time_bounds(w, CF_TIME, err);
  if (!rc) rc = def_daily(r, w, dv, err);
  if (rc) {
    tf_err e2;
    cf_close(&w, 0, &e2);
    return rc;
  }
  double *f[3];
  for (int k = 0; k < 3; k++) f[k] = tf_calloc(g->n2, sizeof(double), err);
  double series[24];
  rc = (!f[0] || !f[1] || !f[2]) ? err->code : TF_OK;
  for (int d = 0; !rc && d < nday; d++) {
    double t0 = (double)(day0 + d) * 86400.0 - TF_BEIJING_OFFSET_S;
    rc = cf_put_time(w, CF_TIME, d, t0 + 43200.0, err);
    if (!rc) rc = cf_put_time_bounds(w, CF_TIME, d, t0, t0 + 86400.0, err);
    for (int p = 0; !rc && p < npoll; p++) {
      for (int j = 0; j < g->nyo; j++)
        for (int i = 0; i < g->nxo; i++) {
          size_t q = grid_idx2(g, i, j);
          for (int h = 0; h < 24; h++) series[h] = post_series_hour(r->prod.ser, p, d, h)[q];
          if (p == 0) {
            aq_day_o3 s;
            stats_o3(r, d, series, &s);
            f[0][q] = s.max1h;
            f[1][q] = s.mda8;
            f[2][q] = s.mda8_valid;
          } else {
            aq_day_mean s;
            stats_mean(r, p, d, series, &s);
            f[0][q] = s.mean24;
            f[1][q] = s.mean24_valid;
            f[2][q] = s.max1h;
          }
        }
      for (int k = 0; !rc && k < 3; k++) rc = cf_write_field(w, dv[p].var[k], d, f[k], err);
    }
  }
  for (int k = 0; k < 3; k++) free(f[k]);
  tf_err e2;
  int rc2 = cf_close(&w, rc == TF_OK, rc ? &e2 : err);
  return rc ? rc : rc2;
}

/* One city's 24 hour means of pollutant p on day d, ppb. */
static void city_series(const run_ctx *r, int pt, int p, int d, double *out)
{
  for (int h = 0; h < 24; h++) out[h] = post_sample(r->prod.city_smp, pt, post_series_hour(r->prod.ser, p, d, h));
}

/* <stem>_city_hours.csv: every city's hour means at its seat, one row per city × Beijing
 * day × hour-ending 1..24, in the units of GB 3095-2026 (µg/m3, CO mg/m3); an empty value
 * is an hour the forecast does not cover (or a gas the mechanism lacks). The bulletin
 * (tianfu bulletin) and the evaluation read it. */
static int city_hours_csv(const run_ctx *r, tf_err *err)
{
  static const char *const cols[] = {"O3", "NO2", "SO2", "CO"};
  int nday = post_series_ndays(r->prod.ser), pc[4];
  long day0 = post_series_day0(r->prod.ser);
  double fac[4];
  for (int k = 0; k < 4; k++) {
    const char *u;
    pc[k] = post_series_find(r->prod.ser, cols[k]);
    fac[k] = ref_factor(cols[k], &u);
  }
  char path[1400], tmp[1500];
  snprintf(path, sizeof path, "%s/%s_city_hours.csv", r->out.dir, r->out.stem);
  FILE *f = tfio_fopen_partial(path, tmp, sizeof tmp, err);
  if (!f) return err->code;
  fprintf(f, "# Tianfu city hour means at the city seat (bilinear), hour-ending Beijing time (UTC+8); "
             "µg/m3 (CO mg/m3) at 298.15 K, 1013.25 hPa (GB 3095-2026); empty = hour not forecast\n");
  fprintf(f, "city,name_zh,province,in_region_totals,lat,lon,date,hour,o3_ugm3,no2_ugm3,so2_ugm3,co_mgm3\n");
  for (int c = 0; c < r->ncity; c++) {
    const run_city *rc = &r->cities[c];
    int pt = r->prod.city_pt[c];
    if (pt < 0) continue;
    for (int d = 0; d < nday; d++) {
      const unsigned char *ok = post_series_valid(r->prod.ser, d);
      int y, m, dd;
      tf_civil_from_days(day0 + d, &y, &m, &dd);
      for (int h = 0; h < 24; h++) {
        fprintf(f, "%s,%s,%s,%d,%.4f,%.4f,%04d-%02d-%02d,%d", rc->c.name, rc->c.name_zh, rc->c.province, rc->c.in_totals,
                rc->c.lat, rc->c.lon, y, m, dd, h + 1);
        for (int k = 0; k < 4; k++) {
          if (pc[k] < 0 || !ok[h]) {
            fputs(",", f);
            continue;
          }
          fprintf(f, k == 3 ? ",%.4f" : ",%.2f", post_sample(r->prod.city_smp, pt, post_series_hour(r->prod.ser, pc[k], d, h)) * fac[k]);
        }
        fputc('\n', f);
      }
    }
  }
  return tfio_fclose_commit(f, tmp, path, err);
}

int run_city_table(run_ctx *r, FILE *out, tf_err *err)
{
  int rc0 = city_hours_csv(r, err);
  if (rc0) return rc0;
  int nday = post_series_ndays(r->prod.ser), pno2 = post_series_find(r->prod.ser, "NO2");
  long day0 = post_series_day0(r->prod.ser);
  char path[1400], tmp[1500];
  snprintf(path, sizeof path, "%s/%s_cities.csv", r->out.dir, r->out.stem);
  FILE *f = tfio_fopen_partial(path, tmp, sizeof tmp, err);
  if (!f) return err->code;
  fprintf(f, "# Tianfu city table: surface O3 and NO2 interpolated to the city seat; µg/m3 at 298.15 K, "
             "1013.25 hPa; Beijing days; MDA8 per GB 3095-2026/HJ 663 (valid flag)\n");
  fprintf(f, "city,name_zh,lat,lon,date,o3_max1h_ugm3,o3_max1h_hour,o3_mda8_ugm3,mda8_end_hour,mda8_valid,"
             "mda8_exceeds_160,no2_max1h_ugm3,hours_valid\n");
  if (out) {
    fprintf(out, "\nCity table — surface O3 MDA8 (µg/m3, Beijing day; * = above the 160 µg/m3 Grade II limit, "
                 "( ) = incomplete day)\n%-12s %-8s", "city", "");
    for (int d = 0; d < nday; d++) {
      int y, m, dd;
      tf_civil_from_days(day0 + d, &y, &m, &dd);
      fprintf(out, " %02d-%02d  ", m, dd);
    }
    fprintf(out, " max1h  NO2max\n");
  }
  double series[24], nseries[24];
  for (int c = 0; c < r->ncity; c++) {
    const run_city *rc = &r->cities[c];
    int pt = r->prod.city_pt[c];
    if (pt < 0) continue;
    double max1h_all = 0, no2_all = 0;
    if (out) fprintf(out, "%-26.26s", rc->c.name);
    for (int d = 0; d < nday; d++) {
      city_series(r, pt, 0, d, series);
      aq_day_o3 s;
      stats_o3(r, d, series, &s);
      double no2max = 0;
      if (pno2 >= 0) {
        city_series(r, pt, pno2, d, nseries);
        aq_day_mean n;
        stats_mean(r, pno2, d, nseries, &n);
        if (n.nhours > 0 && n.max1h > 0) no2max = n.max1h;
      }
      int y, m, dd;
      tf_civil_from_days(day0 + d, &y, &m, &dd);
      fprintf(f, "%s,%s,%.4f,%.4f,%04d-%02d-%02d,%.1f,%d,%.1f,%d,%d,%d,%.1f,%d\n", rc->c.name, rc->c.name_zh, rc->c.lat,
              rc->c.lon, y, m, dd, s.max1h, s.max1h_hour, s.mda8, s.mda8_end_hour, s.mda8_valid,
              s.mda8_valid && s.mda8 > AQ_O3_8H_LIMIT_II, no2max, s.nhours);
      if (s.nhours > 0 && s.max1h > max1h_all) max1h_all = s.max1h;
      if (no2max > no2_all) no2_all = no2max;
      if (out) {
        if (isnan(s.mda8)) fprintf(out, "    -    ");
        else if (s.mda8_valid) fprintf(out, " %5.0f%s  ", s.mda8, s.mda8 > AQ_O3_8H_LIMIT_II ? "*" : " ");
        else fprintf(out, " (%4.0f)  ", s.mda8);
      }
    }
    if (out) fprintf(out, " %5.0f  %5.0f\n", max1h_all, no2_all);
  }
  return tfio_fclose_commit(f, tmp, path, err);
}
