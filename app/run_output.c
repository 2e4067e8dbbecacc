/* run_output.c — what a forecast run writes every hour: the CF NetCDF forecast (hourly
 * surface species in ppb, O3 in µg/m3 at the reference state of GB 3095-2026 §4.3,
 * optional 3-D fields) and the hourly mass budget table (from the driver's budget
 * collector). The products made from hour means (daily statistics, the city table) are in
 * run_products.c. The hourly NetCDF fields are instantaneous values at the hour. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/csv/atomic_file.h"
#include "model/core/tf_const.h"
#include "model/core/tf_time.h"
#include "post/aqstats.h"
#include "model/driver/op_transport.h"
#include "run_ctx.h"


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
  int rc = tfio_mkdir_p(r->out.dir, err);
  if (rc) return rc;
  if ((rc = run_products_open(r, err))) return rc;
  int ns = r->st->nspec;
  r->out.var3 = tf_calloc((size_t)(r->out.nspec ? r->out.nspec : 1), sizeof(int), err);
  if (!r->out.var3) return err->code;
  r->out.mass_prev = tf_calloc((size_t)ns, sizeof(double), err);
  if (!r->out.mass_prev)
    return err->code;

  char path[1400];
  snprintf(path, sizeof path, "%.1023s/%.255s.nc", r->out.dir, r->out.stem);
  char hist[512], src[64], a[32];
  tf_time_format(r->t_start, a, 0);
  snprintf(src, sizeof src, "Tianfu %s", TIANFU_VERSION);
  snprintf(hist, sizeof hist, "tianfu run %s (forecast from %s, %d h)", r->cfgname, a, r->nhours);
  cf_meta meta = {.title = "Tianfu ozone forecast, Sichuan basin", .institution = "Tianfu developers", .source = src,
                  .history = hist,
                  .references = "Yarwood et al. 2005 (CB05); Colella & Woodward 1984 (PPM); Pleim 2007 (ACM2); Wesely 1989",
                  .time_ref_s = r->t_start};
  r->out.cf = cf_create(path, g, &meta, err);
  if (!r->out.cf) return err->code;
  for (int i = 0; !rc && i < r->out.nspec; i++)
    rc = cf_def_species(r->out.cf, r->st->names[r->out.spec[i]], cf_name(r, r->out.spec[i]), 0, &r->out.var[i], err);
  cf_var_def o3u = {.name = "O3_ugm3",
                    .long_name = "surface ozone mass concentration at 298.15 K and 1013.25 hPa (GB 3095-2026)",
                    .standard_name = "mass_concentration_of_ozone_in_air", .units = "ug m-3", .axis = CF_TIME};
  if (!rc) rc = cf_def_var(r->out.cf, &o3u, &r->out.var_o3_ugm3, err);
  if (!rc && r->out.fields_3d) {
    rc = cf_def_vertical(r->out.cf, &r->out.var_ps, err);
    /* 3-D fields of the same species, suffix _3d */
    for (int i = 0; !rc && i < r->out.nspec; i++) {
      char nm[64], ln[128];
      snprintf(nm, sizeof nm, "%s_3d", r->st->names[r->out.spec[i]]);
      snprintf(ln, sizeof ln, "mole fraction of %s (3-D)", r->st->names[r->out.spec[i]]);
      cf_var_def d3 = {.name = nm, .long_name = ln, .standard_name = cf_name(r, r->out.spec[i]), .units = "ppb",
                       .axis = CF_TIME, .three_d = 1};
      rc = cf_def_var(r->out.cf, &d3, &r->out.var3[i], err);
    }
  }
  if (rc) return rc;
  snprintf(r->out.budget_path, sizeof r->out.budget_path, "%.900s/%.255s_budget.csv", r->out.dir, r->out.stem);
  r->out.budget_csv = tfio_fopen_partial(r->out.budget_path, r->out.budget_partial, sizeof r->out.budget_partial, err);
  if (!r->out.budget_csv) return err->code;
  fprintf(r->out.budget_csv, "# Tianfu hourly mass budget per species, mol (owned domain). residual = change - "
                         "(emitted - deposited + boundary_in + chemistry); deposited = dry + wet\n"
                         "time,species,mass_mol,change_mol,emitted_mol,deposited_mol,boundary_in_mol,"
                         "in_west_mol,in_east_mol,in_south_mol,in_north_mol,in_top_mol,"
                         "chemistry_mol,residual_mol,residual_rel\n");
  return TF_OK;
}

static int write_fields(run_ctx *r, int rec, double t, tf_err *err)
{
  const tf_grid *g = r->g;
  int rc = cf_put_time(r->out.cf, CF_TIME, rec, t, err);
  for (int i = 0; !rc && i < r->out.nspec; i++)
    rc = cf_write_field(r->out.cf, r->out.var[i], rec, state_spec(r->st, r->out.spec[i]), err);
  if (rc) return rc;
  double *u = tf_calloc(g->n2, sizeof(double), err);
  if (!u) return err->code;
  const double *o3 = state_spec(r->st, r->io3);
  double f = tf_ugm3_per_ppb(aq_gas_find("O3")->mw_g_mol);
  for (size_t q = 0; q < g->n2; q++) u[q] = o3[q] * f;
  rc = cf_write_field(r->out.cf, r->out.var_o3_ugm3, rec, u, err);
  free(u);
  if (!rc && r->out.fields_3d) {
    /* ps = MU + P_TOP (dry surface pressure), the sigma coordinate's surface pressure */
    const tf_met *m = r->drv ? drv_met_t1(r->drv) : NULL;
    double *ps = tf_calloc(g->n2, sizeof(double), err);
    if (!ps) return err->code;
    for (size_t q = 0; q < g->n2; q++) ps[q] = (m ? m->mu_pa[q] : 0.0) + g->ptop_pa;
    rc = cf_write_field(r->out.cf, r->out.var_ps, rec, ps, err);
    free(ps);
  }
  if (!rc && r->out.fields_3d)
    for (int i = 0; !rc && i < r->out.nspec; i++)
      rc = cf_write_field(r->out.cf, r->out.var3[i], rec, state_spec(r->st, r->out.spec[i]), err);
  return rc;
}

/* One row per species of the hourly budget, from the driver's budget collector (zeroed
 * after the row). */
static void budget_hour(run_ctx *r, double t)
{
  if (!r->drv || !r->out.budget_csv) return;
  char ts[32];
  tf_time_format(t, ts, 0);
  /* this member's slice of the collector (the whole collector in a one-member run) */
  drv_ctx *d = r->drv;
  const int m = r->member;
  const double *em = drv_member_channel(d, m, DRV_BUD_EMITTED), *dry = drv_member_channel(d, m, DRV_BUD_DRY_DEP);
  const double *wet = drv_member_channel(d, m, DRV_BUD_WET_DEP), *chem = drv_member_channel(d, m, DRV_BUD_CHEMISTRY);
  const double *in[5] = {drv_member_channel(d, m, DRV_BUD_IN_WEST), drv_member_channel(d, m, DRV_BUD_IN_EAST),
                         drv_member_channel(d, m, DRV_BUD_IN_SOUTH), drv_member_channel(d, m, DRV_BUD_IN_NORTH),
                         drv_member_channel(d, m, DRV_BUD_IN_TOP)};
  for (int s = 0; s < r->st->nspec; s++) {
    double mass = adv_species_mol(r->g, drv_met_t1(r->drv), state_spec(r->st, s));
    double dep = dry[s] + wet[s];
    double bin = 0.0;
    for (int k = 0; k < 5; k++) bin += in[k][s];
    double change = mass - r->out.mass_prev[s];
    double resid = change - (em[s] - dep + bin + chem[s]);
    double scale = fabs(mass) + fabs(em[s]) + fabs(dep) + fabs(bin) + fabs(chem[s]);
    fprintf(r->out.budget_csv, "%s,%s,%.15g,%.15g,%.15g,%.15g,%.15g,%.15g,%.15g,%.15g,%.15g,%.15g,%.15g,%.6g,%.3g\n", ts,
            r->st->names[s], mass, change, em[s], dep, bin, in[0][s], in[1][s], in[2][s], in[3][s], in[4][s], chem[s],
            resid, scale > 0 ? resid / scale : 0.0);
    r->out.mass_prev[s] = mass;
  }
  drv_budget_zero_member(d, m);
  fflush(r->out.budget_csv);
}

/* Initial budget reference (mass at the start, met at t_start). */
void run_budget_start(run_ctx *r, const tf_met *m0)
{
  for (int s = 0; s < r->st->nspec; s++) r->out.mass_prev[s] = adv_species_mol(r->g, m0, state_spec(r->st, s));
}

int run_output_hour(run_ctx *r, double t, tf_err *err)
{
  if (t > r->t_start) {
    run_products_hour(r, t);
    budget_hour(r, t);
  }
  int rc = write_fields(r, r->out.rec++, t, err);
  if (!rc) rc = cf_sync(r->out.cf, err);
  return rc;
}

int run_output_close(run_ctx *r, int commit, tf_err *err)
{
  int rc = TF_OK;
  if (commit && r->out.cf) rc = run_products_daily(r, err);
  if (r->out.cf) {
    tf_err e2;
    int rc2 = cf_close(&r->out.cf, commit && !rc, rc ? &e2 : err);
    if (!rc) rc = rc2;
  }
  if (r->out.budget_csv) {
    FILE *f = r->out.budget_csv;
    r->out.budget_csv = NULL;
    if (commit && !rc) rc = tfio_fclose_commit(f, r->out.budget_partial, r->out.budget_path, err);
    else { fclose(f); tfio_discard(r->out.budget_partial); }
  }
  return rc;
}

