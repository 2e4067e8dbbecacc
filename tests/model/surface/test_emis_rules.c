/* test_emis_rules.c — the generalised emission scaling rules (model/surface/emissions.h):
 * exact arithmetic of cell weights (f = 1 + w (F - 1)), per-cell and per-point factor
 * fields, point selection by stack id and industry, rules multiplying in order, time
 * windows (date range x Beijing hours) acting only inside the window, and the removed-mass
 * accounting emis_pollutant_kgh() agreeing with the emitted budget of a run.
 *
 * Reference: hand arithmetic on a 4 x 3 grid with round inventory numbers and a one-species
 * speciation per pollutant (NOX -> NO 20 mol/kg, NMVOC -> PAR 50, CO -> CO 35, SO2 -> SO2 15,
 * NH3 unmapped), so every expected value is a short product written out below. */
#include <math.h>
#include <string.h>

#include "model/core/tf_time.h"
#include "model/surface/emissions.h"
#include "surface_fixture.h"
#include "tf_test.h"

static const char *const names[] = {"NO", "PAR", "CO", "SO2"};
enum { NSPEC = 4 };

static double sum_pol(const emis_ctx *e, const tf_grid *g, const double *kgh, int p)
{
  double s = 0.0;
  int ns = emis_nsector(e);
  for (int k = 0; k < ns; k++)
    for (int j = 0; j < g->nyo; j++)
      for (int i = 0; i < g->nxo; i++) s += kgh[((size_t)p * ns + k) * g->n2 + grid_idx2(g, i, j)];
  return s;
}

int main(void)
{
  tf_err err = {0};
  tf_grid *g = fixture_grid(4, 3, 6, TF_LU_DECID_BROAD, &err);
  tf_met *m = g ? fixture_met(g, &err) : NULL;
  if (!m) { fprintf(stderr, "%s\n", err.msg); return 1; }
  emis_spec_row rows[] = {{"*", EMIS_NOX, "NO", 20.0}, {"*", EMIS_NMVOC, "PAR", 50.0},
                          {"*", EMIS_CO, "CO", 35.0}, {"*", EMIS_SO2, "SO2", 15.0},
                          {"*", EMIS_NH3, "NH3", 58.7}};
  emis_speciation sp = {5, rows};
  emis_inventory inv = {0};
  inv.nx = g->nx;
  inv.ny = g->ny;
  inv.nsector = 2;
  snprintf(inv.sector[0], EMIS_NAME_LEN, "industry");
  snprintf(inv.sector[1], EMIS_NAME_LEN, "transport");
  size_t nc = (size_t)g->nx * g->ny;
  for (int s = 0; s < 2; s++) {
    for (int h = 0; h < 24; h++) inv.hour_profile[s][h] = s == 0 ? 1.0 : (h >= 7 && h < 20 ? 1.5 : 0.5);
    for (int d = 0; d < 7; d++) inv.weekday_profile[s][d] = 1.0;
  }
  /* NOX of sector s in cell n: 100 (s + 1) + n kg/h; other pollutants 10 x that */
  for (int p = 0; p < EMIS_NPOL; p++) {
    inv.rate_kgh[p] = calloc(2 * nc, sizeof(double));
    for (int s = 0; s < 2; s++)
      for (size_t n = 0; n < nc; n++) inv.rate_kgh[p][s * nc + n] = (p ? 10.0 : 1.0) * (100.0 * (s + 1) + (double)n);
  }
  emis_point pts[2] = {
    {.id = "S1", .name = "cement plant", .sector = "industry", .industry = "cement", .lat = 30.5, .lon = 104.0,
     .stack_height_m = 60, .stack_diameter_m = 3, .exit_velocity_ms = 10, .exit_temp_k = 400,
     .rate_kgh = {400, 40, 1000, 800, 0}},
    {.id = "S2", .name = "power plant", .sector = "power", .industry = "coal_power", .lat = 30.5, .lon = 104.0,
     .stack_height_m = 150, .stack_diameter_m = 6, .exit_velocity_ms = 20, .exit_temp_k = 420,
     .rate_kgh = {900, 10, 200, 1500, 0}}};
  emis_config cfg = {.nspec = NSPEC, .names = names, .speciation = &sp, .inv = &inv, .points = pts, .npoints = 2};
  emis_ctx *e0 = emis_create(g, &cfg, &err), *e = emis_create(g, &cfg, &err);
  if (!e0 || !e) { fprintf(stderr, "%s\n", err.msg); return 1; }
  int ns = emis_nsector(e);
  TF_EXPECT(ns == 3 && !strcmp(emis_sector_name(e, 2), "power"));
  size_t nfield = (size_t)EMIS_NPOL * ns * g->n2;
  double *raw = calloc(nfield, sizeof *raw), *rem = calloc(nfield, sizeof *rem), *scl = calloc(nfield, sizeof *scl);
  double prem[2 * EMIS_NPOL], praw[2 * EMIS_NPOL];
  long pc = emis_point_cell(e, 0);
  TF_EXPECT(pc >= 0);

  /* no rules: nothing removed, scaled == raw bit for bit */
  emis_pollutant_kgh(e, EMIS_KGH_RAW, NAN, 0, raw, praw);
  emis_pollutant_kgh(e, EMIS_KGH_REMOVED, NAN, 0, rem, prem);
  emis_pollutant_kgh(e, EMIS_KGH_SCALED, NAN, 0, scl, NULL);
  int zero = 1, same = 1;
  for (size_t k = 0; k < nfield; k++) { zero &= rem[k] == 0.0; same &= scl[k] == raw[k]; }
  for (int k = 0; k < 2 * EMIS_NPOL; k++) zero &= prem[k] == 0.0;
  TF_EXPECT(zero && same);
  TF_EXPECT(praw[0] == 400.0 && praw[EMIS_NPOL + EMIS_SO2] == 1500.0);

  /* a cell weight w = 0.4 at cell (1,1), factor 0.5, industry NOX: f = 1 + 0.4 (0.5 - 1) = 0.8,
   * removed = 0.2 x (100 + n) kg/h there, nothing elsewhere; the cement stack in that cell
   * (weight of its cell) keeps 0.8 too if it lies there */
  double *w = calloc(g->n2, sizeof *w);
  size_t c11 = grid_idx2(g, 1, 1);
  w[c11] = 0.4;
  emis_scale_rule r1 = {.sector = "industry", .species = "NOX", .cell_weight = w, .factor = 0.5};
  TF_EXPECT(emis_set_scaling(e, 1, &r1, &err) == TF_OK);
  emis_pollutant_kgh(e, EMIS_KGH_REMOVED, NAN, 0, rem, prem);
  size_t n11 = (size_t)1 * g->nx + 1;
  tf_check("rule_weight_removed_NOX_industry_cell11_kgh", rem[((size_t)EMIS_NOX * ns + 0) * g->n2 + c11],
           (100.0 + (double)n11) * (1.0 - (1.0 + 0.4 * (0.5 - 1.0))), 1e-12);
  tf_check("rule_weight_removed_NOX_total_kgh", sum_pol(e, g, rem, EMIS_NOX), (100.0 + (double)n11) * 0.2, 1e-12);
  TF_EXPECT(sum_pol(e, g, rem, EMIS_CO) == 0.0);
  tf_check("rule_weight_point_in_cell_removed_kgh", prem[EMIS_NOX], pc == (long)c11 ? 400.0 * 0.2 : 0.0, 1e-12);

  /* per-cell factor field (a project: 30 t/yr of transport NOX removed in cell (2,0)) and
   * per-point factors selected by industry; rules multiply in order */
  double *cf = calloc(g->n2, sizeof *cf);
  for (size_t k = 0; k < g->n2; k++) cf[k] = 1.0;
  size_t c20 = grid_idx2(g, 2, 0);
  double present = 200.0 + 2.0;                  /* kg/h, transport NOX of cell n = 2 */
  cf[c20] = 1.0 - 30.0 / (present * 8.76);       /* 30 t/yr of present*8.76 t/yr */
  double pf[2] = {0.25, 0.1};
  emis_scale_rule r3[3] = {
    {.sector = "transport", .species = "NOX", .sources = EMIS_SRC_GRIDDED, .cell_factor = cf, .factor = 1.0},
    {.species = "SO2", .point_industry = "cement", .point_factor = pf, .factor = 1.0},
    {.species = "SO2", .point_ids = (const char *const[]){"S1", "S2"}, .npoint_ids = 2, .factor = 0.5}};
  TF_EXPECT(emis_set_scaling(e, 3, r3, &err) == TF_OK);
  emis_pollutant_kgh(e, EMIS_KGH_REMOVED, NAN, 0, rem, prem);
  tf_check("rule_cell_factor_project_t_per_yr", 8.76 * sum_pol(e, g, rem, EMIS_NOX), 30.0, 1e-9);
  tf_check("rule_point_industry_order_S1_SO2_kgh", prem[EMIS_SO2], 800.0 * (1.0 - 0.25 * 0.5), 1e-12);
  tf_check("rule_point_ids_S2_SO2_kgh", prem[EMIS_NPOL + EMIS_SO2], 1500.0 * 0.5, 1e-12);
  TF_EXPECT(prem[EMIS_NOX] == 0.0 && sum_pol(e, g, rem, EMIS_SO2) == 0.0);

  /* a mechanism-species rule removes its mole share: NOX -> NO only, NO x 0.6 = NOX x 0.6 */
  emis_scale_rule rno = {.species = "NO", .sources = EMIS_SRC_POINTS, .factor = 0.6};
  TF_EXPECT(emis_set_scaling(e, 1, &rno, &err) == TF_OK);
  emis_pollutant_kgh(e, EMIS_KGH_REMOVED, NAN, 0, rem, prem);
  tf_check("rule_species_share_removed_kgh", prem[EMIS_NOX] + prem[EMIS_NPOL + EMIS_NOX], 0.4 * 1300.0, 1e-12);

  /* bad rules are refused */
  double badw[64] = {0};
  badw[0] = 1.5;
  emis_scale_rule bad = {.species = "NOX", .cell_weight = badw, .factor = 0.5};
  double *bw = calloc(g->n2, sizeof *bw);
  memcpy(bw, badw, sizeof(double));
  bad.cell_weight = bw;
  TF_EXPECT(emis_set_scaling(e, 1, &bad, &err) != TF_OK && strstr(err.msg, "[0, 1]"));
  free(bw);

  /* time window: transport NOX x 0.5 on 2022-08-10, Beijing hours 09-10 only (bits 9, 10) */
  double t0;
  tf_time_parse("2022-08-10T00:00:00Z", &t0, &err);  /* 08:00 Beijing */
  emis_scale_rule rw = {.sector = "transport", .species = "NOX", .factor = 0.5, .t_from_s = t0,
                        .t_to_s = t0 + 86400.0, .hours_bj = (1u << 9) | (1u << 10)};
  TF_EXPECT(emis_set_scaling(e, 1, &rw, &err) == TF_OK);
  const double dt = 600.0;
  int inside_changed = 1, outside_same = 1;
  double *step0 = calloc(NSPEC, sizeof *step0), *step1 = calloc(NSPEC, sizeof *step1);
  double removed_mol_no = 0.0, removed_win = 0.0;
  for (int n = 0; n < 6 * 6; n++) {      /* 6 h of 10-min steps: 08:00 - 14:00 Beijing */
    double t = t0 + n * dt;
    TF_EXPECT(emis_update(e0, m, t, &err) == TF_OK && emis_update(e, m, t, &err) == TF_OK);
    int in = emis_rule_active(&rw, t);
    double r0 = emis_rate_mol_s(e0, 0), r1r = emis_rate_mol_s(e, 0);
    if (in) inside_changed &= r1r < r0;
    else outside_same &= r1r == r0 && emis_rate_mol_s(e, 1) == emis_rate_mol_s(e0, 1);
    emis_account(e0, dt, step0);
    emis_account(e, dt, step1);
    /* the removed-mass function at this step, with the profiles: kg/h -> mol of NO */
    emis_pollutant_kgh(e, EMIS_KGH_REMOVED, t, 1, rem, prem);
    double kgh = sum_pol(e, g, rem, EMIS_NOX) + prem[EMIS_NOX] + prem[EMIS_NPOL + EMIS_NOX];
    removed_mol_no += kgh / 3600.0 * 20.0 * dt;
    if (in) removed_win += kgh;
  }
  TF_EXPECT(inside_changed && outside_same);
  TF_EXPECT(removed_win > 0.0);
  /* the window covers 12 of the 36 steps (09:00-11:00 Beijing) */
  double tr_nox = 0.0;
  for (size_t n = 0; n < nc; n++) tr_nox += 200.0 + (double)n;
  tf_check_rel("window_removed_mass_by_hand_kg", removed_win * dt / 3600.0, 12 * 0.5 * tr_nox * 1.5 * dt / 3600.0, 1e-12);
  tf_check_rel("budget_difference_equals_removed_mol_NO", step0[0] - step1[0], removed_mol_no, 1e-10);
  TF_EXPECT(step0[1] == step1[1] && step0[2] == step1[2]);  /* other species untouched */

  free(step0); free(step1); free(w); free(cf); free(raw); free(rem); free(scl);
  emis_destroy(&e);
  emis_destroy(&e0);
  TF_EXPECT(e == NULL);
  emis_inventory_free(&inv);
  met_destroy(&m);
  grid_destroy(&g);
  return tf_test_exit();
}
