/* test_plumerise.c — Briggs plume rise against hand-computed cases, layer allocation, and
 * mass closure of a point source injected through emissions.c.
 *
 * Hand computations (Briggs 1969, 1971, 1975; forms of EPA ISC3 User's Guide Vol. II and
 * SMOKE Laypoint). g = 9.81 m s-2, r = d/2:
 * A  neutral, buoyant, F >= 55: Ts = 400 K, Ta = 300 K, w = 20 m/s, d = 4 m, u = 5 m/s.
 *    F = g w r^2 (Ts-Ta)/Ts = 9.81*20*4*100/400 = 196.2 m4/s3.
 *    x* = 34 F^(2/5) = 280.9 m, x_f = 3.5 x* = 983.2 m,
 *    dh = 1.6 F^(1/3) x_f^(2/3) / u = 1.6*5.810*98.88/5 = 183.8 m  (the 2/3 law at x_f).
 * B  neutral, buoyant, F < 55: Ts = 350, Ta = 300, w = 10, d = 2, u = 3.
 *    F = 9.81*10*1*50/350 = 14.014; x* = 14 F^(5/8) = 72.9 m, x_f = 255.2 m,
 *    dh = 1.6*2.411*40.22/3 = 51.7 m.
 * C  stable, buoyant: case A with dtheta/dz = 0.02 K/m: s = g/Ta dtheta/dz = 6.54e-4 s-2,
 *    dh = 2.6 (F/(u s))^(1/3) = 2.6*(60000)^(1/3) = 101.8 m (< neutral 183.8, < calm 234.6).
 * D  neutral, momentum only (Ts = Ta = 300, w = 30, d = 2, u = 4): dh = 3 d w/u = 45 m.
 * E  stable, momentum only (D with dtheta/dz = 0.02): Fm = w^2 r^2 Ta/Ts = 900 m4/s2,
 *    dh = 1.5 (Fm/(u sqrt(s)))^(1/3) = 1.5*(8798)^(1/3) = 30.96 m.
 * Layers: full levels 0, 40, 100, 180, 280, 400, 540 m, plume 150..450 m: overlaps 30, 100,
 *    120, 50 m of 300 -> fractions 0, 0, 0.1, 1/3, 0.4, 1/6. */
#include <math.h>
#include <string.h>

#include "model/surface/emissions.h"
#include "model/surface/plumerise.h"
#include "surface_fixture.h"
#include "tf_test.h"

int main(void)
{
  /* formula-level reference values computed here from the 2/3 law, independently of the
   * closed forms 21.425 F^(3/4)/u and 38.71 F^(3/5)/u used in plumerise.c */
  plume_stack A = {.height_m = 50, .diameter_m = 4, .exit_velocity_ms = 20, .exit_temp_k = 400};
  plume_env neutral5 = {.ta_k = 300, .u_ms = 5, .dthdz_kpm = 0, .stable = 0};
  double F = 9.81 * 20 * 4 * 100 / 400.0;
  tf_check_rel("briggs_buoyancy_flux_A_m4s3", plume_buoyancy_flux(&A, 300), 196.2, 1e-12);
  double xf = 3.5 * 34 * pow(F, 0.4);
  int regime;
  double dhA = plume_rise(&A, &neutral5, &regime);
  tf_check_rel("briggs_neutral_F196_u5_m", dhA, 1.6 * cbrt(F) * pow(xf, 2.0 / 3.0) / 5.0, 2e-3);
  tf_check("briggs_neutral_F196_u5_hand_m", dhA, 183.8, 0.5);
  TF_EXPECT(regime == PLUME_NEUTRAL_BUOYANT);

  plume_stack B = {.height_m = 30, .diameter_m = 2, .exit_velocity_ms = 10, .exit_temp_k = 350};
  plume_env neutral3 = {.ta_k = 300, .u_ms = 3, .dthdz_kpm = 0, .stable = 0};
  double FB = 9.81 * 10 * 1 * 50 / 350.0;
  double xfB = 3.5 * 14 * pow(FB, 0.625);
  double dhB = plume_rise(&B, &neutral3, NULL);
  tf_check_rel("briggs_neutral_F14_u3_m", dhB, 1.6 * cbrt(FB) * pow(xfB, 2.0 / 3.0) / 3.0, 2e-3);
  tf_check("briggs_neutral_F14_u3_hand_m", dhB, 51.7, 0.2);

  plume_env stable5 = {.ta_k = 300, .u_ms = 5, .dthdz_kpm = 0.02, .stable = 1};
  double dhC = plume_rise(&A, &stable5, &regime);
  tf_check("briggs_stable_F196_u5_hand_m", dhC, 101.8, 0.2);
  TF_EXPECT(regime == PLUME_STABLE_BUOYANT);

  plume_stack D = {.height_m = 40, .diameter_m = 2, .exit_velocity_ms = 30, .exit_temp_k = 300};
  plume_env neutral4 = {.ta_k = 300, .u_ms = 4, .dthdz_kpm = 0, .stable = 0}, stable4 = {.ta_k = 300, .u_ms = 4, .dthdz_kpm = 0.02, .stable = 1};
  tf_check_rel("briggs_momentum_neutral_m", plume_rise(&D, &neutral4, &regime), 45.0, 1e-12);
  TF_EXPECT(regime == PLUME_NEUTRAL_MOMENTUM);
  tf_check("briggs_momentum_stable_m", plume_rise(&D, &stable4, &regime), 30.96, 0.05);
  TF_EXPECT(regime == PLUME_STABLE_MOMENTUM);
  /* wind below 1 m/s is floored (ISC3 calm threshold) */
  plume_env calm = {.ta_k = 300, .u_ms = 0.2, .dthdz_kpm = 0, .stable = 0};
  tf_check_rel("briggs_wind_floor_m", plume_rise(&A, &calm, NULL), dhA * 5.0, 1e-12);

  /* layer fractions */
  double zw[7] = {0, 40, 100, 180, 280, 400, 540}, fr[6];
  plume_layer_fractions(150, 450, zw, 6, fr);
  double ref[6] = {0, 0, 0.1, 1.0 / 3.0, 0.4, 1.0 / 6.0};
  for (int k = 0; k < 6; k++) {
    char nm[64];
    snprintf(nm, sizeof nm, "plume_layer_fraction_k%d", k);
    tf_check(nm, fr[k], ref[k], 1e-12);
  }
  plume_layer_fractions(600, 900, zw, 6, fr);   /* above the top: all in the top layer */
  TF_EXPECT(fr[5] == 1.0);
  plume_layer_fractions(50, 50, zw, 6, fr);     /* zero depth: the containing layer */
  TF_EXPECT(fr[1] == 1.0);
  double bot, top;
  plume_extent(50, 100, &bot, &top);
  TF_EXPECT(bot == 100 && top == 200);

  /* mass closure through emissions.c: one power-plant stack in the fixture grid */
  tf_err err = {0};
  tf_grid *g = fixture_grid(5, 4, 8, TF_LU_DRY_CROP, &err);
  tf_met *m = g ? fixture_met(g, &err) : NULL;
  if (!m) { fprintf(stderr, "%s\n", err.msg); return 1; }
  const char *names[] = {"NO", "NO2", "SO2", "CO"};
  emis_spec_row rows[] = {{"*", EMIS_NOX, "NO", 19.562878}, {"*", EMIS_NOX, "NO2", 2.173653},
                          {"*", EMIS_SO2, "SO2", 15.609391}, {"*", EMIS_CO, "CO", 35.701408}};
  emis_speciation sp = {4, rows};
  double lat, lon;
  proj_ij_to_ll(&g->proj, 2.2, 1.9, &lat, &lon);
  emis_point pt = {.id = "P1", .name = "test plant", .sector = "power", .lat = lat, .lon = lon,
                   .stack_height_m = 120, .stack_diameter_m = 6, .exit_velocity_ms = 18, .exit_temp_k = 420,
                   .rate_kgh = {500, 0, 80, 900, 0}};
  emis_config cfg = {4, names, &sp, NULL, &pt, 1, 0, NULL};
  emis_ctx *e = emis_create(g, &cfg, &err);
  TF_EXPECT(e != NULL);
  if (e) {
    TF_EXPECT(emis_update(e, m, 1660089600.0, &err) == TF_OK);
    double rise, pb, ptop, frac[8];
    TF_EXPECT(emis_point_plume(e, 0, &rise, &pb, &ptop, frac) == 0);
    TF_EXPECT(rise > 100.0);  /* hot, big stack: hundreds of metres */
    int nl = 0;
    for (int k = 0; k < 8; k++) nl += frac[k] > 0;
    TF_EXPECT(nl >= 2);
    tf_state *s = state_create(g, 4, names, &err);
    const double dt = 600.0;
    emis_apply(e, m, s, dt, 0);
    for (int isp = 0; isp < 4; isp++) {
      double inj = 0.0;
      for (int k = 0; k < g->nz; k++)
        for (int j = 0; j < g->nyo; j++)
          for (int i = 0; i < g->nxo; i++) {
            size_t c = grid_idx2(g, i, j);
            double nair = grid_cell_air_mol(m->mu_pa[c], g->eta_w[k] - g->eta_w[k + 1], g->dx_m, g->dy_m,
                                            g->mapfac[c]);
            inj += state_spec(s, isp)[grid_idx3(g, i, j, k)] * 1e-9 * nair;
          }
      double kgh = isp == 0 ? 500 * 19.562878 : isp == 1 ? 500 * 2.173653 : isp == 2 ? 900 * 15.609391 : 80 * 35.701408;
      char nm[64];
      snprintf(nm, sizeof nm, "point_mass_injected_vs_emitted_%s_mol", names[isp]);
      tf_check_rel(nm, inj, kgh / 3600.0 * dt, 1e-12);
    }
    state_destroy(&s);
  }
  emis_destroy(&e);
  met_destroy(&m);
  grid_destroy(&g);
  return tf_test_exit();
}
