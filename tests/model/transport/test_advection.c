/* test_advection.c — the 3-D operator adv_step on a synthetic "real-ish" WRF grid.
 *
 * Checks (docs/physics-references.md §1.3 constancy diagnostic; mass budget to round-off as
 * required of the transport operators):
 *  - constancy: q == 1 (with lateral bc 1) stays 1 to round-off in a divergent, sheared
 *    flow with map factors != 1 and a column mass mu that varies in space and in time
 *    (the residual goes through the lid);
 *  - budget closure: mol(end) - mol(start) - sum of boundary inflows == 0 to round-off;
 *  - monotonicity/positivity: no new extrema beyond the initial field and the bc values;
 *  - uniform translation equals the 1-D PPM sweep of the plane driver (cross-check);
 *  - bitwise identical results with 1 and 2 OpenMP threads. */
#include "tf_test.h"
#include "model/core/tf_const.h"
#include "model/transport/advection.h"
#include "model/transport/adv_plane.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

enum { NX = 28, NY = 22, NZ = 8, HALO = 2 };

static double mapf(double fi, double fj) { return 1.0 + 0.06 * sin(0.21 * fi) + 0.04 * cos(0.17 * fj); }

static tf_grid *make_grid(void)
{
  tf_err err = {0};
  tf_grid *g = grid_create(NX, NY, NZ, HALO, &err);
  g->dx_m = g->dy_m = 12000.0;
  g->ptop_pa = 5000.0;
  const double eta[NZ + 1] = {1.0, 0.985, 0.96, 0.92, 0.85, 0.74, 0.57, 0.33, 0.0};
  for (int k = 0; k <= NZ; k++) g->eta_w[k] = eta[k];
  for (int j = -HALO; j < NY + HALO; j++)
    for (int i = -HALO; i < NX + HALO; i++) g->mapfac[grid_idx2(g, i, j)] = mapf(i, j);
  for (int j = -HALO; j < NY + HALO; j++)
    for (int i = -HALO; i <= NX + HALO; i++)
      g->mapfac_u[(size_t)(j + HALO) * (g->sx + 1) + (i + HALO)] = mapf(i - 0.5, j);
  for (int j = -HALO; j <= NY + HALO; j++)
    for (int i = -HALO; i < NX + HALO; i++)
      g->mapfac_v[(size_t)(j + HALO) * g->sx + (i + HALO)] = mapf(i, j - 0.5);
  return g;
}

/* Met at time t (s): divergent, sheared, time-varying winds; mu varying in x, y, t.
 * uniform != 0 gives constant mu, u = 10 m/s, v = 0. */
static void make_met(tf_met *m, double t, int uniform)
{
  const tf_grid *g = m->g;
  m->time_s = t;
  double ph = 2.0 * TF_PI * t / 86400.0;
  for (int j = -HALO; j < NY + HALO; j++)
    for (int i = -HALO; i < NX + HALO; i++)
      m->mu_pa[grid_idx2(g, i, j)] = uniform ? 9.0e4 :
        9.0e4 - 3000.0 * sin(0.2 * i) * cos(0.15 * j) + 250.0 * sin(ph + 0.3 * i);
  for (int k = 0; k < NZ; k++) {
    for (int j = -HALO; j < NY + HALO; j++)
      for (int i = -HALO; i <= NX + HALO; i++)
        m->u_ms[grid_idxu(g, i, j, k)] = uniform ? 10.0 :
          6.0 + 1.2 * k + 5.0 * sin(0.3 * i + 0.2 * j + ph) * cos(0.1 * k);
    for (int j = -HALO; j <= NY + HALO; j++)
      for (int i = -HALO; i < NX + HALO; i++)
        m->v_ms[grid_idxv(g, i, j, k)] = uniform ? 0.0 :
          -3.0 + 7.0 * cos(0.25 * j - 0.1 * i + ph) - 0.5 * k;
  }
}

typedef struct { tf_state *st; adv_budget *b; } run_out;

/* Run nsteps of dt with met linearly interpolated between hourly frames. */
static int run(const tf_grid *g, tf_state *st, int nsteps, double dt, const double *bc,
               adv_budget *b, int uniform, double *mol0, double *mol1)
{
  tf_err err = {0};
  adv_ctx *a = adv_create(g, st->nspec, &err);
  tf_met *ma = met_create(g, &err), *mb = met_create(g, &err);
  int rc = 0;
  make_met(ma, 0.0, uniform);
  for (int s = 0; s < st->nspec; s++) mol0[s] = adv_species_mol(g, ma, state_spec(st, s));
  for (int n = 0; n < nsteps && !rc; n++) {
    make_met(ma, n * dt, uniform);
    make_met(mb, (n + 1) * dt, uniform);
    rc = adv_step(a, st, ma, mb, dt, bc, b, &err);
    if (rc) fprintf(stderr, "adv_step: %s\n", err.msg);
  }
  for (int s = 0; s < st->nspec; s++) mol1[s] = adv_species_mol(g, mb, state_spec(st, s));
  met_destroy(&ma); met_destroy(&mb); adv_destroy(&a);
  return rc;
}

static void init_state(const tf_grid *g, tf_state *st)
{
  for (int k = 0; k < NZ; k++)
    for (int j = -HALO; j < NY + HALO; j++)
      for (int i = -HALO; i < NX + HALO; i++) {
        size_t c = grid_idx3(g, i, j, k);
        state_spec(st, 0)[c] = 1.0;
        double r = hypot(i - 10.0, j - 12.0);
        state_spec(st, 1)[c] = r < 5.0 ? 80.0 : 20.0;       /* O3-like plateau */
        state_spec(st, 2)[c] = 5.0 * exp(-0.05 * r * r) * (k < 3); /* surface plume */
      }
}

int main(void)
{
  tf_err err = {0};
  tf_grid *g = make_grid();
  const char *names[3] = {"ONE", "O3", "PLUME"};
  const int nsp = 3;
  double bc[3 * NZ];
  for (int k = 0; k < NZ; k++) { bc[k] = 1.0; bc[NZ + k] = 30.0 + 5.0 * k; bc[2 * NZ + k] = 0.0; }
  const int nsteps = 8;
  const double dt = 900.0;

  /* threads = 1 and 2: identical bits */
  tf_state *st1 = state_create(g, nsp, names, &err), *st2 = state_create(g, nsp, names, &err);
  adv_budget *b1 = adv_budget_create(nsp, &err), *b2 = adv_budget_create(nsp, &err);
  double mol0[3], mol1[3], m0b[3], m1b[3];
  init_state(g, st1);
  init_state(g, st2);
#ifdef _OPENMP
  omp_set_num_threads(1);
#endif
  TF_EXPECT(run(g, st1, nsteps, dt, bc, b1, 0, mol0, mol1) == TF_OK);
#ifdef _OPENMP
  omp_set_num_threads(2);
#endif
  TF_EXPECT(run(g, st2, nsteps, dt, bc, b2, 0, m0b, m1b) == TF_OK);
  tf_check("threads_1_vs_2_state_bitwise_equal",
           memcmp(st1->c, st2->c, (size_t)nsp * g->n3 * sizeof(double)) == 0, 1, 0);
  tf_check("threads_1_vs_2_budget_bitwise_equal",
           memcmp(b1->in_mol, b2->in_mol, (size_t)nsp * ADV_NSIDE * sizeof(double)) == 0, 1, 0);
  printf("sub-steps: horizontal %d, vertical max %d; air through lid %.4g kg\n", b1->nsub_h,
         b1->nsub_v_max, b1->air_in_top_kg);
  tf_check_ge("horizontal_substeps_used", b1->nsub_h, 2); /* the winds need sub-stepping */

  /* constancy */
  double dev = 0;
  for (int k = 0; k < NZ; k++)
    for (int j = 0; j < NY; j++)
      for (int i = 0; i < NX; i++) dev = fmax(dev, fabs(state_spec(st1, 0)[grid_idx3(g, i, j, k)] - 1.0));
  tf_check_le("constancy_realish_met_max_dev", dev, 1e-14);
  /* budgets */
  for (int s = 0; s < nsp; s++) {
    double in = 0;
    for (int side = 0; side < ADV_NSIDE; side++) in += b1->in_mol[s * ADV_NSIDE + side];
    double scale = fmax(fabs(mol0[s]), fabs(mol1[s]));
    char nm[96];
    snprintf(nm, sizeof nm, "budget_closure_%s_relerr", names[s]);
    tf_check_le(nm, fabs(mol1[s] - mol0[s] - in) / scale, 1e-13);
  }
  /* lid air exchange: for q = 1 ppb, lid tracer inflow = air * 1e-9 / M_air */
  tf_check_rel("lid_tracer_vs_air_ONE", b1->in_mol[ADV_TOP], b1->air_in_top_kg * 1e-9 / TF_MW_AIR, 1e-10);
  tf_check_ge("lid_air_exchange_nonzero_kg", fabs(b1->air_in_top_kg), 1.0);
  /* monotonicity: O3 within [20, 80] (bc 30..65), plume within [0, 5] */
  double mn1 = 1e300, mx1 = -1e300, mn2 = 1e300, mx2 = -1e300;
  for (int k = 0; k < NZ; k++)
    for (int j = 0; j < NY; j++)
      for (int i = 0; i < NX; i++) {
        size_t c = grid_idx3(g, i, j, k);
        mn1 = fmin(mn1, state_spec(st1, 1)[c]); mx1 = fmax(mx1, state_spec(st1, 1)[c]);
        mn2 = fmin(mn2, state_spec(st1, 2)[c]); mx2 = fmax(mx2, state_spec(st1, 2)[c]);
      }
  tf_check_ge("O3_min_ge_20", mn1, 20.0 - 1e-12);
  tf_check_le("O3_max_le_80", mx1, 80.0 + 1e-12);
  tf_check_ge("plume_min_ge_0", mn2, 0.0);
  tf_check_le("plume_max_le_5", mx2, 5.0 + 1e-12);

  /* halo-BC mode: halo cells filled with the bc profile give the same bits as bc_ppb */
  {
    tf_state *sa = state_create(g, nsp, names, &err), *sb = state_create(g, nsp, names, &err);
    init_state(g, sa);
    init_state(g, sb);
    for (int s = 0; s < nsp; s++)
      for (int k = 0; k < NZ; k++)
        for (int j = -HALO; j < NY + HALO; j++)
          for (int i = -HALO; i < NX + HALO; i++)
            if (i < 0 || j < 0 || i >= NX || j >= NY) state_spec(sb, s)[grid_idx3(g, i, j, k)] = bc[s * NZ + k];
    adv_ctx *a1 = adv_create(g, nsp, &err), *a2 = adv_create(g, nsp, &err);
    TF_EXPECT(adv_set_bc_halo(a2, 1, &err) == TF_OK);
    tf_met *ma = met_create(g, &err), *mb = met_create(g, &err);
    make_met(ma, 0.0, 0);
    make_met(mb, 900.0, 0);
    TF_EXPECT(adv_step(a1, sa, ma, mb, 900.0, bc, NULL, &err) == TF_OK);
    TF_EXPECT(adv_step(a2, sb, ma, mb, 900.0, bc, NULL, &err) == TF_OK);
    double e = 0;
    for (int s = 0; s < nsp; s++)
      for (int k = 0; k < NZ; k++)
        for (int j = 0; j < NY; j++)
          for (int i = 0; i < NX; i++)
            e = fmax(e, fabs(state_spec(sa, s)[grid_idx3(g, i, j, k)] - state_spec(sb, s)[grid_idx3(g, i, j, k)]));
    tf_check("halo_bc_mode_equals_profile_bc_maxdiff", e, 0.0, 0.0);
    met_destroy(&ma); met_destroy(&mb); adv_destroy(&a1); adv_destroy(&a2);
    state_destroy(&sa); state_destroy(&sb);
  }
  /* dimension splitting vs the a-priori Courant estimate: one cell with x outflow ~0.8
   * and y outflow ~0.8 of its mass (estimate <= ADV_CMAX: 1 sub-step) would, after the x
   * sweep, lose ~4 times its remaining mass in the y sweep; the air-mass dry run must
   * double the sub-steps, and q == 1 / positivity must hold */
  {
    tf_state *sc = state_create(g, 2, names, &err);
    tf_met *ma = met_create(g, &err), *mb = met_create(g, &err);
    make_met(ma, 0.0, 1);
    for (size_t c = 0; c < (size_t)(g->sx + 1) * g->sy * NZ; c++) ma->u_ms[c] = 0.0;
    double U = 0.38 * 12000.0 / 600.0;
    /* a-priori outflow fractions of cell (10,10): u dt m^2 / (dx m_face), x and y */
    double m2 = pow(g->mapfac[grid_idx2(g, 10, 10)], 2);
    double ex = U * 600.0 * m2 / 12000.0 *
                (1.0 / g->mapfac_u[(size_t)(10 + HALO) * (g->sx + 1) + 10 + HALO] +
                 1.0 / g->mapfac_u[(size_t)(10 + HALO) * (g->sx + 1) + 11 + HALO]);
    double ey = U * 600.0 * m2 / 12000.0 *
                (1.0 / g->mapfac_v[(size_t)(10 + HALO) * g->sx + 10 + HALO] +
                 1.0 / g->mapfac_v[(size_t)(11 + HALO) * g->sx + 10 + HALO]);
    tf_check_le("split_divergence_apriori_estimate_below_ADV_CMAX", fmax(ex, ey), ADV_CMAX);
    for (int k = 0; k < NZ; k++) {
      ma->u_ms[grid_idxu(g, 10, 10, k)] = -U;
      ma->u_ms[grid_idxu(g, 11, 10, k)] = U;
      ma->v_ms[grid_idxv(g, 10, 10, k)] = -U;
      ma->v_ms[grid_idxv(g, 10, 11, k)] = U;
    }
    met_copy(mb, ma);
    for (int k = 0; k < NZ; k++)
      for (int j = 0; j < NY; j++)
        for (int i = 0; i < NX; i++) {
          sc->c[grid_idx3(g, i, j, k)] = 1.0;
          sc->c[g->n3 + grid_idx3(g, i, j, k)] = (i + j + k) % 3 ? 5.0 : 0.0;
        }
    adv_ctx *ac = adv_create(g, 2, &err);
    adv_budget *bc2 = adv_budget_create(2, &err);
    TF_EXPECT(adv_step(ac, sc, ma, mb, 600.0, NULL, bc2, &err) == TF_OK);
    tf_check_ge("split_divergence_substeps_doubled", bc2->nsub_h, 2);
    double dev = 0, mn = 1e300, mx = -1e300;
    for (int k = 0; k < NZ; k++)
      for (int j = 0; j < NY; j++)
        for (int i = 0; i < NX; i++) {
          dev = fmax(dev, fabs(sc->c[grid_idx3(g, i, j, k)] - 1.0));
          mn = fmin(mn, sc->c[g->n3 + grid_idx3(g, i, j, k)]);
          mx = fmax(mx, sc->c[g->n3 + grid_idx3(g, i, j, k)]);
        }
    tf_check_le("split_divergence_constancy_max_dev", dev, 1e-14);
    tf_check_ge("split_divergence_tracer_min", mn, 0.0);
    tf_check_le("split_divergence_tracer_max", mx, 5.0 + 1e-12);
    adv_destroy(&ac); adv_budget_destroy(&bc2); met_destroy(&ma); met_destroy(&mb); state_destroy(&sc);
  }
  /* uniform translation == 1-D PPM of the plane driver, row by row */
  {
    tf_state *st = state_create(g, 1, names, &err);
    adv_budget *b = adv_budget_create(1, &err);
    double z[NZ] = {0};
    for (int k = 0; k < NZ; k++)
      for (int j = 0; j < NY; j++)
        for (int i = 0; i < NX; i++)
          st->c[grid_idx3(g, i, j, k)] = (i >= 5 && i < 10) ? 1.0 : sin(0.3 * j) * sin(0.3 * j) * (i > 12);
    /* plain Cartesian grid: map factors 1 */
    for (size_t c = 0; c < g->n2; c++) g->mapfac[c] = 1.0;
    for (size_t c = 0; c < (size_t)(g->sx + 1) * g->sy; c++) g->mapfac_u[c] = 1.0;
    for (size_t c = 0; c < (size_t)g->sx * (g->sy + 1); c++) g->mapfac_v[c] = 1.0;
    double row0[NZ][NX];
    for (int i = 0; i < NX; i++) row0[0][i] = st->c[grid_idx3(g, i, 7, 0)];
    double a0, a1;
    TF_EXPECT(run(g, st, 1, 900.0, z, b, 1, &a0, &a1) == TF_OK);
    int nsub = b->nsub_h;
    adv_plane *p = adv_plane_create(NX, 1, ADV_PLANE_ZEROIN, ADV_PLANE_PPM, &err);
    double f[NX + 1];
    for (int i = 0; i <= NX; i++) f[i] = 10.0 * 900.0 / 12000.0 / nsub;
    for (int s = 0; s < nsub; s++) adv_plane_sweep(p, 0, row0[0], NULL, f, 1.0, &err);
    double e = 0;
    for (int i = 0; i < NX; i++) e = fmax(e, fabs(row0[0][i] - st->c[grid_idx3(g, i, 7, 0)]));
    tf_check_le("uniform_translation_vs_plane_driver_maxdiff", e, 1e-13);
    adv_plane_destroy(&p);
    adv_budget_destroy(&b);
    state_destroy(&st);
  }
  state_destroy(&st1); state_destroy(&st2);
  adv_budget_destroy(&b1); adv_budget_destroy(&b2);
  grid_destroy(&g);
  return tf_test_exit();
}
