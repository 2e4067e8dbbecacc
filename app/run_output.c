/* run_output.c — what a forecast run writes: the CF NetCDF forecast (hourly surface
 * species in ppb, O3 in µg/m3 at the reference state, optional 3-D fields, daily max 1-h
 * O3 and MDA8 per Beijing day), the hourly mass budget table, and the per-city table.
 *
 * Daily statistics use hour-ending hourly MEANS of surface O3 (the national network
 * reports hour-ending means in Beijing time), accumulated over the synchronisation steps
 * of each hour. The hourly NetCDF fields are instantaneous values at the hour. µg/m3 at
 * 298.15 K and 1013.25 hPa (GB 3095-2026 §4.3): 1 ppb O3 = 1.962 µg/m3. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "model/core/tf_const.h"
#include "model/core/tf_time.h"
#include "model/driver/aqstats.h"
#include "model/driver/op_transport.h"
#include "run_ctx.h"

#define MW_O3 47.997   /* g/mol */
#define MW_NO2 46.0055 /* g/mol */

/* Beijing day number of the hour that ENDS at te (s since epoch), and its hour-ending
 * label 1..24. */
static long day_of_hour_end(double te) { return (long)floor((te - 1.0 + TF_BEIJING_OFFSET_S) / 86400.0); }
static int hour_label(double te)
{
  long s = (long)llround(te + TF_BEIJING_OFFSET_S) % 86400;
  return s == 0 ? 24 : (int)(s / 3600);
}

static int mkdir_p(const char *dir, tf_err *err)
{
  char tmp[1024];
  snprintf(tmp, sizeof tmp, "%s", dir);
  for (char *p = tmp + 1; *p; p++)
    if (*p == '/') {
      *p = '\0';
      mkdir(tmp, 0777);
      *p = '/';
    }
  if (mkdir(tmp, 0777) != 0) {
    struct stat st;
    if (stat(tmp, &st) != 0 || !S_ISDIR(st.st_mode))
      return tf_err_set(err, TF_EIO, "cannot create output folder %s", dir);
  }
  return TF_OK;
}

/* CF standard name of state species s: the cf_standard_name column of the mechanism's
 * species.csv (NULL when the table has no row or an empty cell). */
static const char *cf_name(const run_ctx *r, int s)
{
  int row = csv_species_table_find(&r->spt, r->st->names[s]);
  return row >= 0 && r->spt.cf_name[row][0] ? r->spt.cf_name[row] : NULL;
}

int run_output_open(run_ctx *r, tf_err *err)
{
  const tf_grid *g = r->g;
  int rc = mkdir_p(r->outdir, err);
  if (rc) return rc;
  r->day0 = day_of_hour_end(r->t_start);
  r->nday = (int)(day_of_hour_end(r->t_end) - r->day0 + 1);
  size_t nh = (size_t)r->nday * 24;
  r->o3_acc = tf_calloc(g->n2, sizeof(double), err);
  r->no2_acc = tf_calloc(g->n2, sizeof(double), err);
  r->o3_hist = tf_calloc(nh * g->n2, sizeof(double), err);
  r->no2_hist = tf_calloc(nh * g->n2, sizeof(double), err);
  r->hist_valid = tf_calloc(nh, 1, err);
  int ns = r->st->nspec;
  r->out_var3 = tf_calloc((size_t)(r->nout ? r->nout : 1), sizeof(int), err);
  if (!r->out_var3) return err->code;
  r->mass_prev = tf_calloc((size_t)ns, sizeof(double), err);
  r->chem_mol = tf_calloc((size_t)ns, sizeof(double), err);
  r->dep_mol = tf_calloc((size_t)ns, sizeof(double), err);
  r->emis_prev = tf_calloc((size_t)ns, sizeof(double), err);
  if (!r->o3_acc || !r->no2_acc || !r->o3_hist || !r->no2_hist || !r->hist_valid || !r->mass_prev ||
      !r->chem_mol || !r->dep_mol || !r->emis_prev)
    return err->code;

  char path[1400];
  snprintf(path, sizeof path, "%.1023s/%.255s.nc", r->outdir, r->stem);
  char hist[512], src[64], a[32];
  tf_time_format(r->t_start, a, 0);
  snprintf(src, sizeof src, "Tianfu %s", TIANFU_VERSION);
  snprintf(hist, sizeof hist, "tianfu run %s (forecast from %s, %d h)", r->cfgname, a, r->nhours);
  cf_meta meta = {"Tianfu ozone forecast, Sichuan basin", "Tianfu developers", src, hist,
                  "Yarwood et al. 2005 (CB05); Colella & Woodward 1984 (PPM); Pleim 2007 (ACM2); Wesely 1989",
                  r->t_start};
  rc = cf_create(path, g, &meta, &r->cf, err);
  if (rc) return rc;
  for (int i = 0; !rc && i < r->nout; i++)
    rc = cf_def_species(r->cf, r->st->names[r->out_spec[i]], cf_name(r, r->out_spec[i]), 0, &r->out_var[i], err);
  cf_var_def o3u = {"O3_ugm3", "surface ozone mass concentration at 298.15 K and 1013.25 hPa (GB 3095-2026)",
                    "mass_concentration_of_ozone_in_air", "ug m-3", NULL, CF_TIME, 0};
  if (!rc) rc = cf_def_var(r->cf, &o3u, &r->var_o3_ugm3, err);
  if (!rc && r->out_3d) {
    rc = cf_def_vertical(r->cf, &r->var_ps, err);
    /* 3-D fields of the same species, suffix _3d */
    for (int i = 0; !rc && i < r->nout; i++) {
      char nm[64], ln[128];
      snprintf(nm, sizeof nm, "%s_3d", r->st->names[r->out_spec[i]]);
      snprintf(ln, sizeof ln, "mole fraction of %s (3-D)", r->st->names[r->out_spec[i]]);
      cf_var_def d3 = {nm, ln, cf_name(r, r->out_spec[i]), "ppb", NULL, CF_TIME, 1};
      rc = cf_def_var(r->cf, &d3, &r->out_var3[i], err);
    }
  }
  if (rc) return rc;
  snprintf(r->budget_path, sizeof r->budget_path, "%.900s/%.255s_budget.csv.partial", r->outdir, r->stem);
  r->budget_csv = fopen(r->budget_path, "w");
  if (!r->budget_csv) return tf_err_set(err, TF_EIO, "cannot write %s", r->budget_path);
  fprintf(r->budget_csv, "# Tianfu hourly mass budget per species, mol (owned domain). residual = change - "
                         "(emitted - deposited + boundary_in + chemistry); deposited = dry + wet\n"
                         "time,species,mass_mol,change_mol,emitted_mol,deposited_mol,boundary_in_mol,"
                         "in_west_mol,in_east_mol,in_south_mol,in_north_mol,in_top_mol,"
                         "chemistry_mol,residual_mol,residual_rel\n");
  return TF_OK;
}

void run_accumulate_step(run_ctx *r, double dt)
{
  const tf_grid *g = r->g;
  const double *o3 = state_spec(r->st, r->io3);
  const double *no2 = r->ino2 >= 0 ? state_spec(r->st, r->ino2) : NULL;
  for (int j = 0; j < g->nyo; j++)
    for (int i = 0; i < g->nxo; i++) {
      size_t q = grid_idx2(g, i, j);
      r->o3_acc[q] += o3[q] * dt;
      if (no2) r->no2_acc[q] += no2[q] * dt;
    }
}

static int write_fields(run_ctx *r, int rec, double t, tf_err *err)
{
  const tf_grid *g = r->g;
  int rc = cf_put_time(r->cf, CF_TIME, rec, t, err);
  for (int i = 0; !rc && i < r->nout; i++)
    rc = cf_write_field(r->cf, r->out_var[i], rec, state_spec(r->st, r->out_spec[i]), err);
  if (rc) return rc;
  double *u = tf_calloc(g->n2, sizeof(double), err);
  if (!u) return err->code;
  const double *o3 = state_spec(r->st, r->io3);
  double f = tf_ugm3_per_ppb(MW_O3);
  for (size_t q = 0; q < g->n2; q++) u[q] = o3[q] * f;
  rc = cf_write_field(r->cf, r->var_o3_ugm3, rec, u, err);
  free(u);
  if (!rc && r->out_3d) {
    /* ps = MU + P_TOP (dry surface pressure), the sigma coordinate's surface pressure */
    const tf_met *m = r->drv ? r->drv->met_t1 : NULL;
    double *ps = tf_calloc(g->n2, sizeof(double), err);
    if (!ps) return err->code;
    for (size_t q = 0; q < g->n2; q++) ps[q] = (m ? m->mu_pa[q] : 0.0) + g->ptop_pa;
    rc = cf_write_field(r->cf, r->var_ps, rec, ps, err);
    free(ps);
  }
  if (!rc && r->out_3d)
    for (int i = 0; !rc && i < r->nout; i++)
      rc = cf_write_field(r->cf, r->out_var3[i], rec, state_spec(r->st, r->out_spec[i]), err);
  return rc;
}

static void budget_hour(run_ctx *r, double t)
{
  if (!r->drv || !r->budget_csv) return;
  adv_budget *ab = NULL;
  vdiff_budget *vb = NULL;
  for (int i = 0; i < r->drv->nops; i++) {
    if (!strcmp(r->drv->ops[i].name, "advection")) ab = op_adv_budget(&r->drv->ops[i]);
    if (!strcmp(r->drv->ops[i].name, "vertical mixing")) vb = op_vmix_budget(&r->drv->ops[i]);
  }
  char ts[32];
  tf_time_format(t, ts, 0);
  for (int s = 0; s < r->st->nspec; s++) {
    double mass = adv_species_mol(r->g, r->drv->met_t1, state_spec(r->st, s));
    double emitted = emis_total_mol(r->emis, s) - r->emis_prev[s];
    double dep = (vb ? vb->dep_mol[s] : 0.0) + (r->wet_mol ? r->wet_mol[s] : 0.0);
    double bin = 0.0, side[ADV_NSIDE] = {0};
    if (ab)
      for (int k = 0; k < ADV_NSIDE; k++) {
        side[k] = ab->in_mol[s * ADV_NSIDE + k];
        bin += side[k];
      }
    double change = mass - r->mass_prev[s];
    double resid = change - (emitted - dep + bin + r->chem_mol[s]);
    double scale = fabs(mass) + fabs(emitted) + fabs(dep) + fabs(bin) + fabs(r->chem_mol[s]);
    fprintf(r->budget_csv, "%s,%s,%.15g,%.15g,%.15g,%.15g,%.15g,%.15g,%.15g,%.15g,%.15g,%.15g,%.15g,%.6g,%.3g\n", ts,
            r->st->names[s], mass, change, emitted, dep, bin, side[ADV_WEST], side[ADV_EAST], side[ADV_SOUTH],
            side[ADV_NORTH], side[ADV_TOP], r->chem_mol[s], resid, scale > 0 ? resid / scale : 0.0);
    r->mass_prev[s] = mass;
    r->emis_prev[s] = emis_total_mol(r->emis, s);
    r->chem_mol[s] = 0.0;
    if (r->wet_mol) r->wet_mol[s] = 0.0;
  }
  if (ab) adv_budget_zero(ab);
  if (vb) vdiff_budget_zero(vb);
  fflush(r->budget_csv);
}

/* Initial budget reference (mass at the start, met at t_start). */
void run_budget_start(run_ctx *r, const tf_met *m0)
{
  for (int s = 0; s < r->st->nspec; s++) {
    r->mass_prev[s] = adv_species_mol(r->g, m0, state_spec(r->st, s));
    r->emis_prev[s] = emis_total_mol(r->emis, s);
  }
}

int run_output_hour(run_ctx *r, double t, tf_err *err)
{
  const tf_grid *g = r->g;
  if (t > r->t_start) {
    long d = day_of_hour_end(t) - r->day0;
    int h = hour_label(t);
    size_t off = ((size_t)d * 24 + (size_t)(h - 1));
    if (d >= 0 && d < r->nday) {
      for (size_t q = 0; q < g->n2; q++) {
        r->o3_hist[off * g->n2 + q] = r->o3_acc[q] / 3600.0;
        r->no2_hist[off * g->n2 + q] = r->no2_acc[q] / 3600.0;
      }
      r->hist_valid[off] = 1;
    }
    memset(r->o3_acc, 0, g->n2 * sizeof(double));
    memset(r->no2_acc, 0, g->n2 * sizeof(double));
    budget_hour(r, t);
  }
  int rc = write_fields(r, r->rec++, t, err);
  if (!rc) rc = cf_sync(r->cf, err);
  return rc;
}

/* Daily statistics of one hourly-mean series (24 values per day, ppb) in µg/m3. */
static void day_stats(const run_ctx *r, int d, const double *series_ppb, aq_day_o3 *out)
{
  double v[24];
  double f = tf_ugm3_per_ppb(MW_O3);
  for (int h = 0; h < 24; h++) v[h] = series_ppb[h] * f;
  aq_day_o3_stats(v, r->hist_valid + (size_t)d * 24, out);
}

/* Daily fields go to their own file (<stem>_daily.nc) whose time axis is the Beijing day
 * with bounds, so CDO/NCO treat them as a time series (an extra time axis in the hourly
 * file would be shown as a level axis by CDO). */
static int write_daily(run_ctx *r, tf_err *err)
{
  const tf_grid *g = r->g;
  char path[1400], src[64], a[32];
  snprintf(path, sizeof path, "%.1023s/%.255s_daily.nc", r->outdir, r->stem);
  snprintf(src, sizeof src, "Tianfu %s", TIANFU_VERSION);
  tf_time_format(r->t_start, a, 0);
  double tref = (double)r->day0 * 86400.0 - TF_BEIJING_OFFSET_S;
  cf_meta meta = {"Tianfu ozone forecast, daily statistics (Beijing days)", "Tianfu developers", src, a,
                  "GB 3095-2026 (MDA8, reference state); HJ 663 (8-h windows ending 08-24 h, >= 14 valid)", tref};
  cf_writer *w = NULL;
  int rc = cf_create(path, g, &meta, &w, err);
  if (!rc) rc = cf_def_time_bounds(w, CF_TIME, err);
  cf_var_def dmx = {"O3_MAX1H", "daily maximum of hour-ending 1-h mean surface ozone, Beijing day",
                   "mass_concentration_of_ozone_in_air", "ug m-3", "time: maximum", CF_TIME, 0};
  cf_var_def dmd = {"O3_MDA8", "daily maximum 8-h moving average surface ozone (GB 3095-2026 3.9, HJ 663 windows)",
                   "mass_concentration_of_ozone_in_air", "ug m-3", "time: maximum", CF_TIME, 0};
  cf_var_def dmv = {"O3_MDA8_valid", "1 if MDA8 meets the HJ 663 validity rule (>= 14 valid 8-h windows or above 160 ug m-3)",
                   NULL, "1", NULL, CF_TIME, 0};
  int vmx = 0, vmd = 0, vmv = 0;
  if (!rc) rc = cf_def_var(w, &dmx, &vmx, err);
  if (!rc) rc = cf_def_var(w, &dmd, &vmd, err);
  if (!rc) rc = cf_def_var(w, &dmv, &vmv, err);
  if (rc) {
    tf_err e2;
    cf_close(&w, 0, &e2);
    return rc;
  }
  double *mx = tf_calloc(g->n2, sizeof(double), err), *md = tf_calloc(g->n2, sizeof(double), err);
  double *ok = tf_calloc(g->n2, sizeof(double), err);
  double series[24];
  rc = (!mx || !md || !ok) ? err->code : TF_OK;
  for (int d = 0; !rc && d < r->nday; d++) {
    for (int j = 0; j < g->nyo; j++)
      for (int i = 0; i < g->nxo; i++) {
        size_t q = grid_idx2(g, i, j);
        for (int h = 0; h < 24; h++) series[h] = r->o3_hist[((size_t)d * 24 + (size_t)h) * g->n2 + q];
        aq_day_o3 s;
        day_stats(r, d, series, &s);
        mx[q] = s.max1h;
        md[q] = s.mda8;
        ok[q] = s.mda8_valid;
      }
    double t0 = (double)(r->day0 + d) * 86400.0 - TF_BEIJING_OFFSET_S;
    rc = cf_put_time(w, CF_TIME, d, t0 + 43200.0, err);
    if (!rc) rc = cf_put_time_bounds(w, CF_TIME, d, t0, t0 + 86400.0, err);
    if (!rc) rc = cf_write_field(w, vmx, d, mx, err);
    if (!rc) rc = cf_write_field(w, vmd, d, md, err);
    if (!rc) rc = cf_write_field(w, vmv, d, ok, err);
  }
  free(mx);
  free(md);
  free(ok);
  tf_err e2;
  int rc2 = cf_close(&w, rc == TF_OK, rc ? &e2 : err);
  return rc ? rc : rc2;
}

int run_output_close(run_ctx *r, int commit, tf_err *err)
{
  int rc = TF_OK;
  if (commit && r->cf) rc = write_daily(r, err);
  if (r->cf) {
    tf_err e2;
    int rc2 = cf_close(&r->cf, commit && !rc, rc ? &e2 : err);
    if (!rc) rc = rc2;
  }
  if (r->budget_csv) {
    fclose(r->budget_csv);
    r->budget_csv = NULL;
    char final[1200];
    snprintf(final, sizeof final, "%s", r->budget_path);
    final[strlen(final) - strlen(".partial")] = '\0';
    if (commit && !rc) rename(r->budget_path, final);
    else remove(r->budget_path);
  }
  return rc;
}

/* Bilinear interpolation of a column field at a city's fractional indices. */
static double at_city(const tf_grid *g, const run_city *c, const double *f)
{
  int i0 = (int)floor(c->fi), j0 = (int)floor(c->fj);
  if (i0 >= g->nxo - 1) i0 = g->nxo - 2;
  if (j0 >= g->nyo - 1) j0 = g->nyo - 2;
  if (i0 < 0) i0 = 0;
  if (j0 < 0) j0 = 0;
  double a = c->fi - i0, b = c->fj - j0;
  return (1 - a) * (1 - b) * f[grid_idx2(g, i0, j0)] + a * (1 - b) * f[grid_idx2(g, i0 + 1, j0)] +
         (1 - a) * b * f[grid_idx2(g, i0, j0 + 1)] + a * b * f[grid_idx2(g, i0 + 1, j0 + 1)];
}

int run_city_table(run_ctx *r, FILE *out, tf_err *err)
{
  const tf_grid *g = r->g;
  char path[1400], tmp[1500];
  snprintf(path, sizeof path, "%s/%s_cities.csv", r->outdir, r->stem);
  snprintf(tmp, sizeof tmp, "%s.partial", path);
  FILE *f = fopen(tmp, "w");
  if (!f) return tf_err_set(err, TF_EIO, "cannot write %s", tmp);
  fprintf(f, "# Tianfu city table: surface O3 and NO2 interpolated to the city seat; µg/m3 at 298.15 K, "
             "1013.25 hPa; Beijing days; MDA8 per GB 3095-2026/HJ 663 (valid flag)\n");
  fprintf(f, "city,name_zh,lat,lon,date,o3_max1h_ugm3,o3_max1h_hour,o3_mda8_ugm3,mda8_end_hour,mda8_valid,"
             "mda8_exceeds_160,no2_max1h_ugm3,hours_valid\n");
  if (out) {
    fprintf(out, "\nCity table — surface O3 MDA8 (µg/m3, Beijing day; * = above the 160 µg/m3 Grade II limit, "
                 "( ) = incomplete day)\n%-12s %-8s", "city", "");
    for (int d = 0; d < r->nday; d++) {
      int y, m, dd;
      tf_civil_from_days(r->day0 + d, &y, &m, &dd);
      fprintf(out, " %02d-%02d  ", m, dd);
    }
    fprintf(out, " max1h  NO2max\n");
  }
  double series[24], nseries[24];
  for (int c = 0; c < r->ncity; c++) {
    const run_city *rc = &r->cities[c];
    if (!rc->inside) continue;
    double max1h_all = 0, no2_all = 0;
    if (out) fprintf(out, "%-26.26s", rc->c.name);
    for (int d = 0; d < r->nday; d++) {
      for (int h = 0; h < 24; h++) {
        size_t off = ((size_t)d * 24 + (size_t)h) * g->n2;
        series[h] = at_city(g, rc, r->o3_hist + off);
        nseries[h] = at_city(g, rc, r->no2_hist + off);
      }
      aq_day_o3 s;
      day_stats(r, d, series, &s);
      double no2max = 0;
      for (int h = 0; h < 24; h++)
        if (r->hist_valid[d * 24 + h] && nseries[h] * tf_ugm3_per_ppb(MW_NO2) > no2max) no2max = nseries[h] * tf_ugm3_per_ppb(MW_NO2);
      int y, m, dd;
      tf_civil_from_days(r->day0 + d, &y, &m, &dd);
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
  if (fclose(f) != 0 || rename(tmp, path) != 0) return tf_err_set(err, TF_EIO, "cannot write %s", path);
  return TF_OK;
}
