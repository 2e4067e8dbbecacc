/* test_emissions.c — speciation carbon/nitrogen closure, temporal profiles, the scaling
 * hook, and mass closure of gridded + biogenic emissions.
 *
 * References:
 * - Carbon: configs/mechanisms/cb05/README_speciation.md documents the kg C per kg NMVOC of each sector's
 *   compound mix (computed from the compounds' formulas, e.g. toluene C7H8: 7*12.011/92.138);
 *   the CB05 carbon-bond assignment conserves carbon (Yarwood et al. 2005: PAR 1 C, ETH,
 *   OLE, ETHA, ALD2, ETOH 2 C, IOLE 4, TOL 7, XYL 8, FORM, MEOH 1; NR = non-reactive carbon),
 *   so sum(mol_s * nC_s) * 12.011 g/mol from the table must equal the documented value.
 * - Nitrogen: NOx counted as NO2 mass => 1000/46.0055 mol N per kg in every sector.
 * - Scaling: a -30 % NOx rule must scale NO and NO2 by 0.7 exactly (round-off). */
#include <math.h>
#include <string.h>

#include "io/csv/tables.h"
#include "model/core/tf_time.h"
#include "model/surface/biogenic.h"
#include "model/surface/emissions.h"
#include "surface_fixture.h"
#include "tf_test.h"

static double carbon_number(const char *sp)
{
  static const struct { const char *n; double c; } t[] = {
    {"PAR", 1}, {"ETHA", 2}, {"ETH", 2}, {"OLE", 2}, {"IOLE", 4}, {"TOL", 7}, {"XYL", 8}, {"FORM", 1},
    {"ALD2", 2}, {"ALDX", 2}, {"MEOH", 1}, {"ETOH", 2}, {"NR", 1}, {"ISOP", 5}, {"TERP", 10}};
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
    if (strcmp(t[i].n, sp) == 0) return t[i].c;
  return -1e9; /* unknown species in an NMVOC profile: the check fails loudly */
}

static const char *const sectors[6] = {"power", "industry", "solvent", "transport", "residential", "agriculture"};

int main(void)
{
  tf_err err = {0};
  char path[1024];
  emis_speciation sp;
  tf_source_path("configs/mechanisms/cb05/speciation.csv", path, sizeof path);
  if (csv_read_speciation(path, &sp, &err)) { fprintf(stderr, "%s\n", err.msg); return 1; }

  /* --- carbon closure per sector (README.md table) --- */
  static const double kgc_doc[6] = {0.772014, 0.776410, 0.757462, 0.835536, 0.747612, 0.683348};
  for (int s = 0; s < 6; s++) {
    double kgc = 0.0, molN = 0.0;
    int own_nox = 0;
    for (int r = 0; r < sp.n; r++)
      if (sp.rows[r].pollutant == EMIS_NOX && strcmp(sp.rows[r].sector, sectors[s]) == 0) own_nox = 1;
    for (int r = 0; r < sp.n; r++) {
      const emis_spec_row *R = &sp.rows[r];
      if (R->pollutant == EMIS_NMVOC && strcmp(R->sector, sectors[s]) == 0)
        kgc += R->mol_per_kg * carbon_number(R->species) * 12.011e-3;
      if (R->pollutant == EMIS_NOX && strcmp(R->sector, own_nox ? sectors[s] : "*") == 0) molN += R->mol_per_kg;
    }
    char nm[80];
    snprintf(nm, sizeof nm, "speciation_carbon_kgC_per_kg_%s", sectors[s]);
    tf_check_rel(nm, kgc, kgc_doc[s], 2e-6);
    snprintf(nm, sizeof nm, "speciation_nitrogen_mol_per_kgNO2_%s", sectors[s]);
    tf_check_rel(nm, molN, 1000.0 / 46.0055, 1e-6);
  }

  /* --- a gridded inventory on the fixture grid --- */
  tf_grid *g = fixture_grid(6, 5, 6, TF_LU_DECID_BROAD, &err);
  tf_met *m = g ? fixture_met(g, &err) : NULL;
  if (!m) { fprintf(stderr, "%s\n", err.msg); return 1; }
  const char *names[] = {"NO", "NO2", "HONO", "CO", "SO2", "FORM", "ALD2", "PAR", "OLE", "ETH", "IOLE",
                         "TOL", "XYL", "MEOH", "ETOH", "ETHA", "ISOP", "TERP"};
  const int nspec = (int)(sizeof names / sizeof names[0]);
  emis_inventory inv = {0};
  inv.nx = g->nx;
  inv.ny = g->ny;
  inv.nsector = 6;
  size_t nc = (size_t)g->nx * g->ny;
  for (int s = 0; s < 6; s++) {
    snprintf(inv.sector[s], EMIS_NAME_LEN, "%s", sectors[s]);
    for (int h = 0; h < 24; h++) inv.hour_profile[s][h] = 1.0 + 0.5 * sin(2 * TF_PI * (h - 6 - s) / 24.0);
    for (int d = 0; d < 7; d++) inv.weekday_profile[s][d] = d < 5 ? 1.1 : 0.75;
  }
  for (int p = 0; p < EMIS_NPOL; p++) {
    inv.rate_kgh[p] = calloc(6 * nc, sizeof(double));
    for (size_t n = 0; n < 6 * nc; n++) inv.rate_kgh[p][n] = 10.0 * (p + 1) + (double)(n % 7);
  }
  /* biogenic roles as the cb05 species.csv gives them (ISOP isoprene, TERP terpene) */
  int roles[18] = {0};
  roles[16] = EMIS_BIO_ISOPRENE;
  roles[17] = EMIS_BIO_TERPENE;
  emis_config cfg = {.nspec = nspec, .names = names, .speciation = &sp, .inv = &inv, .biogenic = 1,
                     .bio_role = roles};
  emis_ctx *e = emis_create(g, &cfg, &err);
  if (!e) { fprintf(stderr, "%s\n", err.msg); return 1; }
  double t;
  tf_time_parse("2022-08-10T00:00:00Z", &t, &err);  /* 08:00 Beijing, Wednesday (index 2) */
  TF_EXPECT(emis_update(e, m, t, &err) == TF_OK);

  /* NO from gridded sources, by hand: sum over sectors and cells of
   * kg/h * mol/kg (NO) * hour[8] * weekday[2] / 3600 */
  double no_ref = 0.0;
  for (int s = 0; s < 6; s++) {
    double molkg = 0.0;
    int own = s == 3;  /* transport has its own NOx rows (HONO split) */
    for (int r = 0; r < sp.n; r++)
      if (sp.rows[r].pollutant == EMIS_NOX && strcmp(sp.rows[r].species, "NO") == 0 &&
          strcmp(sp.rows[r].sector, own ? "transport" : "*") == 0) molkg = sp.rows[r].mol_per_kg;
    double sum = 0.0;
    for (size_t n = 0; n < nc; n++) sum += inv.rate_kgh[EMIS_NOX][s * nc + n];
    no_ref += sum * molkg * inv.hour_profile[s][8] * inv.weekday_profile[s][2] / 3600.0;
  }
  double no_rate = emis_rate_mol_s(e, 0), no2_rate = emis_rate_mol_s(e, 1);
  tf_check_rel("gridded_NO_rate_hour8_wed_mol_s", no_rate, no_ref, 1e-12);
  TF_EXPECT(emis_rate_mol_s(e, 2) > 0.0);                     /* HONO from transport */
  TF_EXPECT(emis_unmapped_kgh(e, EMIS_NH3) > 0.0);            /* no NH3 species: dropped */
  TF_EXPECT(emis_layer_rate_mol_s(e, 0, 1) == 0.0);           /* gridded: layer 1 only */

  /* biogenic isoprene: deciduous broadleaf, 303 K 2-m temperature, 800 W/m2 */
  double fi, ft;
  bio_flux(TF_LU_DECID_BROAD, 303.0, 800.0, &fi, &ft);
  double area = 0.0;
  for (int j = 0; j < g->nyo; j++)
    for (int i = 0; i < g->nxo; i++) {
      double mf = g->mapfac[grid_idx2(g, i, j)];
      area += g->dx_m * g->dy_m / (mf * mf);
    }
  tf_check_rel("biogenic_ISOP_domain_rate_mol_s", emis_rate_mol_s(e, 16), fi * area, 1e-12);

  /* --- mass closure of emis_apply (all layers) and surface flux = layer-1 tendency x dz --- */
  tf_state *s = state_create(g, nspec, names, &err);
  double dt = 600.0;
  emis_apply(e, m, s, dt, 0);
  for (int isp = 0; isp < nspec; isp += 4) {
    double inj = 0.0;
    for (int j = 0; j < g->nyo; j++)
      for (int i = 0; i < g->nxo; i++) {
        size_t c = grid_idx2(g, i, j);
        double nair = grid_cell_air_mol(m->mu_pa[c], g->eta_w[0] - g->eta_w[1], g->dx_m, g->dy_m, g->mapfac[c]);
        inj += state_spec(s, isp)[grid_idx3(g, i, j, 0)] * 1e-9 * nair;
      }
    char nm[80];
    snprintf(nm, sizeof nm, "gridded_mass_injected_vs_emitted_%s", names[isp]);
    tf_check_rel(nm, inj, emis_rate_mol_s(e, isp) * dt, 1e-12);
  }
  double *flux = calloc((size_t)nspec * g->n2, sizeof *flux);
  double *tend = calloc((size_t)nspec * g->n3, sizeof *tend);
  emis_surface_flux(e, m, flux);
  emis_tendency_ppb_s(e, m, tend, 0);
  size_t c = grid_idx2(g, 2, 3);
  tf_check_rel("surface_flux_equals_tendency_times_dz", flux[c], tend[c] * (m->zw_m[g->n2 + c] - m->zw_m[c]), 1e-12);
  double *step_mol = calloc((size_t)nspec, sizeof *step_mol);
  emis_account(e, dt, NULL);
  emis_account(e, dt, step_mol);
  tf_check_rel("budget_total_mol_NO", emis_total_mol(e, 0), 2 * dt * no_rate, 1e-12);
  tf_check_rel("budget_step_mol_NO", step_mol[0], dt * no_rate, 1e-12);
  free(step_mol);

  /* --- scaling hook --- */
  emis_scale_rule nox30 = {.species = "NOX", .factor = 0.7};
  TF_EXPECT(emis_set_scaling(e, 1, &nox30, &err) == TF_OK);
  TF_EXPECT(emis_update(e, m, t, &err) == TF_OK);
  tf_check_rel("scaling_NOX_minus30_NO", emis_rate_mol_s(e, 0) / no_rate, 0.7, 1e-14);
  tf_check_rel("scaling_NOX_minus30_NO2", emis_rate_mol_s(e, 1) / no2_rate, 0.7, 1e-14);
  double co_rate = emis_rate_mol_s(e, 3);
  /* region mask: halve CO of the transport sector in the western half only */
  unsigned char *mask = calloc(g->n2, 1);
  for (int j = 0; j < g->nyo; j++)
    for (int i = 0; i < g->nxo / 2; i++) mask[grid_idx2(g, i, j)] = 1;
  emis_scale_rule two[2] = {{.sector = "transport", .species = "CO", .mask = mask, .factor = 0.5},
                            {.sector = "biogenic", .species = "ISOP", .factor = 0.0}};
  TF_EXPECT(emis_set_scaling(e, 2, two, &err) == TF_OK);
  TF_EXPECT(emis_update(e, m, t, &err) == TF_OK);
  double co_tr_west = 0.0;
  for (int j = 0; j < g->nyo; j++)
    for (int i = 0; i < g->nxo / 2; i++)
      co_tr_west += inv.rate_kgh[EMIS_CO][3 * nc + (size_t)j * g->nx + i];
  double co_drop = 0.5 * co_tr_west * 35.701408 * inv.hour_profile[3][8] * inv.weekday_profile[3][2] / 3600.0;
  tf_check_rel("scaling_mask_transport_CO_mol_s", emis_rate_mol_s(e, 3), co_rate - co_drop, 1e-9);
  TF_EXPECT(emis_rate_mol_s(e, 16) == 0.0);   /* biogenic ISOP switched off */
  TF_EXPECT(emis_rate_mol_s(e, 17) > 0.0);    /* TERP untouched */
  TF_EXPECT(fabs(emis_rate_mol_s(e, 0) / no_rate - 1.0) < 1e-14);  /* rules replaced */
  emis_scale_rule badr = {.species = "XX", .factor = 0.5};
  TF_EXPECT(emis_set_scaling(e, 1, &badr, &err) != TF_OK && strstr(err.msg, "XX"));
  free(mask);

  /* a sector with NMVOC but no profile is an error naming the sector */
  emis_spec_row onlynox[] = {{"*", EMIS_NOX, "NO", 20.0}};
  emis_speciation sp2 = {1, onlynox};
  emis_config cfg2 = {.nspec = nspec, .names = names, .speciation = &sp2, .inv = &inv};
  TF_EXPECT(emis_create(g, &cfg2, &err) == NULL && strstr(err.msg, "NMVOC"));

  /* biogenic roles come from the table, not from the names: without roles biogenic = on is
   * an error; with TERP's role only, ISOP (same name as ever) receives nothing */
  emis_config cfg3 = {.nspec = nspec, .names = names, .speciation = &sp, .inv = &inv, .biogenic = 1};
  TF_EXPECT(emis_create(g, &cfg3, &err) == NULL && strstr(err.msg, "biogenic role"));
  int roles_t[18] = {0};
  roles_t[17] = EMIS_BIO_TERPENE;
  cfg3.bio_role = roles_t;
  emis_ctx *e3 = emis_create(g, &cfg3, &err);
  TF_EXPECT(e3 != NULL);
  if (e3) {
    TF_EXPECT(emis_update(e3, m, t, &err) == TF_OK);
    TF_EXPECT(emis_rate_mol_s(e3, 16) == 0.0);   /* ISOP: no role, no isoprene flux */
    TF_EXPECT(emis_rate_mol_s(e3, 17) > 0.0);    /* TERP: terpene */
    emis_destroy(&e3);
  }
  int roles_2[18] = {0};
  roles_2[15] = roles_2[16] = EMIS_BIO_ISOPRENE;  /* a role given twice */
  cfg3.bio_role = roles_2;
  TF_EXPECT(emis_create(g, &cfg3, &err) == NULL && strstr(err.msg, "at most once"));

  free(flux);
  free(tend);
  state_destroy(&s);
  emis_destroy(&e);
  emis_inventory_free(&inv);
  csv_speciation_free(&sp);
  met_destroy(&m);
  grid_destroy(&g);
  return tf_test_exit();
}
