/* test_vdiff.c — validation of implicit vertical mixing (model/transport/vdiff.c).
 *
 * References: docs/physics-references.md §2.1 (analytic tests: exact discrete amplification of
 * the cell-centred Laplacian for backward Euler and Crank-Nicolson; Gaussian in a
 * reflecting column, [S] vdiff.py table; deposition-only box; well-mixed invariance) and
 * §2.2 (ACM2, Pleim 2007 JAMC 46 1383: f_conv table [S]; column mass conserved with
 * v_d = 0; bottom-up mixes faster than top-down). The custom O(nz) solver is
 * cross-checked against LAPACKE_dgesv (ACM2 matrix) and LAPACKE_dgtsv (tridiagonal). */
#include "tf_test.h"
#include "model/core/tf_const.h"
#include "model/transport/vdiff.h"
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define NMAX 128

typedef struct {
  int nz;
  double m[NMAX], zw[NMAX + 1], kz[NMAX + 1];
  vdiff_column c;
} column;

/* Uniform column: nz layers of dz metres, density rho, constant K. */
static void uniform_column(column *col, int nz, double dz, double rho, double k)
{
  col->nz = nz;
  for (int i = 0; i <= nz; i++) { col->zw[i] = i * dz; col->kz[i] = k; }
  for (int i = 0; i < nz; i++) col->m[i] = rho * dz;
  vdiff_column c = {.nz = nz, .mass_kgm2 = col->m, .zw_m = col->zw, .kz_m2s = col->kz};
  col->c = c;
}

/* Stretched column (20 layers, 20 m at the ground to ~400 m aloft), density decreasing
 * with height, a boundary-layer Kz profile and optionally ACM2 over the lowest kt layers. */
static void cbl_column(column *col, double mu_acm, int kt)
{
  int nz = 20;
  col->nz = nz;
  col->zw[0] = 0.0;
  for (int i = 0; i < nz; i++) {
    double dz = 20.0 * pow(1.22, i);
    col->zw[i + 1] = col->zw[i] + dz;
    double zc = col->zw[i] + 0.5 * dz;
    col->m[i] = 1.2 * exp(-zc / 8000.0) * dz;
  }
  for (int i = 0; i <= nz; i++) {
    double z = col->zw[i], h = 1500.0;
    col->kz[i] = z < h ? fmax(0.01, 0.4 * 0.5 * z * (1 - z / h) * (1 - z / h)) : 0.1;
  }
  vdiff_column c = {.nz = nz, .mass_kgm2 = col->m, .zw_m = col->zw, .kz_m2s = col->kz,
                    .acm_mu_s = mu_acm, .acm_kt = kt};
  col->c = c;
}

static double colmass(const column *col, const double *q)
{
  double s = 0;
  for (int k = 0; k < col->nz; k++) s += col->m[k] * q[k];
  return s;
}

static void test_modes(void)
{
  /* §2.1: K = 10, dz = 20, N = 100, dt = 60 s (r = 1.5), mode n = 1 */
  column col;
  uniform_column(&col, 100, 20.0, 1.0, 10.0);
  double work[vdiff_work_len(NMAX)];
  const double r = 10.0 * 60.0 / 400.0, s = pow(sin(TF_PI / 200.0), 2);
  const double gbe = 1.0 / (1.0 + 4 * r * s), gcn = (1 - 2 * r * s) / (1 + 2 * r * s);
  tf_check("BE_amplification_formula_vs_table", gbe, 0.998521869, 5e-10);
  tf_check("CN_amplification_formula_vs_table", gcn, 0.998520776, 5e-10);
  for (int t = 0; t < 2; t++) {
    double theta = t == 0 ? 1.0 : 0.5, G = t == 0 ? gbe : gcn;
    for (int n = 1; n <= 3; n += 2) { /* modes 1 and 3 */
      double q[NMAX], sn = pow(sin(n * TF_PI / 200.0), 2);
      double Gn = t == 0 ? 1.0 / (1.0 + 4 * r * sn) : (1 - 2 * r * sn) / (1 + 2 * r * sn);
      if (n == 1) TF_EXPECT(fabs(Gn - G) < 1e-15);
      for (int k = 0; k < 100; k++) q[k] = 1.0 + cos(n * TF_PI * (k + 0.5) / 100.0);
      double m0 = colmass(&col, q);
      const int steps = 50;
      for (int st = 0; st < steps; st++) vdiff_column_step(&col.c, theta, 60.0, 1, 0.0, 0.0, q, NULL, NULL, work);
      double e = 0;
      for (int k = 0; k < 100; k++) e = fmax(e, fabs(q[k] - (1.0 + pow(Gn, steps) * cos(n * TF_PI * (k + 0.5) / 100.0))));
      char nm[64];
      snprintf(nm, sizeof nm, "%s_mode%d_50steps_maxerr", t == 0 ? "BE" : "CN", n);
      tf_check_le(nm, e, 1e-12);
      snprintf(nm, sizeof nm, "%s_mode%d_mass_relerr", t == 0 ? "BE" : "CN", n);
      tf_check_le(nm, fabs(colmass(&col, q) - m0) / m0, 1e-14);
    }
  }
}

/* cell average of exp(-(z-z0)^2/(2 s^2)) * amp over [a,b] */
static double gauss_avg(double a, double b, double z0, double s, double amp)
{
  return amp * s * sqrt(TF_PI / 2.0) * (erf((b - z0) / (sqrt(2.0) * s)) - erf((a - z0) / (sqrt(2.0) * s))) / (b - a);
}

/* reflecting column [0, H]: images at +-z0 + 2nH */
static double gauss_refl(double a, double b, double z0, double s, double amp, double H)
{
  double v = 0;
  for (int n = -3; n <= 3; n++) v += gauss_avg(a, b, z0 + 2 * n * H, s, amp) + gauss_avg(a, b, -z0 + 2 * n * H, s, amp);
  return v;
}

static void test_gaussian(void)
{
  const double H = 2000, K = 10, s0 = 100, z0 = 1000, T = 3600;
  const int N = 100;
  column col;
  uniform_column(&col, N, H / N, 1.0, K);
  double work[vdiff_work_len(NMAX)];
  const struct { double theta, dt, peak, err; } ref[] = {
    {1.0, 60, 0.350804, 1.87e-3}, {0.5, 60, 0.349108, 1.76e-4}, {1.0, 300, 0.357660, 8.73e-3},
    {0.5, 300, 0.348863, 9.0e-5}, {1.0, 900, 0.375398, 2.65e-2}, {0.5, 900, 0.348753, 2.77e-3}};
  double s1 = sqrt(s0 * s0 + 2 * K * T), exact_peak = 0;
  double ex[NMAX];
  for (int k = 0; k < N; k++) {
    ex[k] = gauss_refl(k * 20.0, (k + 1) * 20.0, z0, s1, s0 / s1, H);
    exact_peak = fmax(exact_peak, ex[k]);
  }
  tf_check("gaussian_exact_peak_cell_avg", exact_peak, 0.348931, 1e-6);
  for (size_t t = 0; t < sizeof ref / sizeof ref[0]; t++) {
    double q[NMAX];
    for (int k = 0; k < N; k++) q[k] = gauss_refl(k * 20.0, (k + 1) * 20.0, z0, s0, 1.0, H);
    double m0 = colmass(&col, q);
    int steps = (int)lround(T / ref[t].dt);
    for (int s = 0; s < steps; s++) vdiff_column_step(&col.c, ref[t].theta, ref[t].dt, 1, 0.0, 0.0, q, NULL, NULL, work);
    double pk = 0, e = 0;
    for (int k = 0; k < N; k++) { pk = fmax(pk, q[k]); e = fmax(e, fabs(q[k] - ex[k])); }
    char nm[80];
    const char *sch = ref[t].theta == 1.0 ? "BE" : "CN";
    snprintf(nm, sizeof nm, "gaussian_%s_dt%.0f_peak", sch, ref[t].dt); tf_check(nm, pk, ref[t].peak, 2e-6);
    snprintf(nm, sizeof nm, "gaussian_%s_dt%.0f_maxabserr", sch, ref[t].dt); tf_check_rel(nm, e, ref[t].err, 0.03);
    snprintf(nm, sizeof nm, "gaussian_%s_dt%.0f_mass_relerr", sch, ref[t].dt);
    tf_check_le(nm, fabs(colmass(&col, q) - m0) / m0, 1e-13);
  }
}

static void test_deposition(void)
{
  /* one-layer box, dz1 = 40 m, v_d = 0.01 m/s, dt = 600 s, 12 steps */
  column col;
  uniform_column(&col, 1, 40.0, 1.17, 0.0);
  double work[vdiff_work_len(NMAX)], q = 50.0, dep = 0, d;
  for (int s = 0; s < 12; s++) { vdiff_column_step(&col.c, 1.0, 600.0, 1, 0.0, 0.01, &q, NULL, &d, work); dep += d; }
  tf_check_rel("deposition_box_BE_exact", q, 50.0 / pow(1.0 + 0.01 * 600.0 / 40.0, 12), 1e-14);
  tf_check_rel("deposition_box_budget", dep, (50.0 - q) * col.m[0], 1e-13);
  /* continuous-time limit with many small steps: exp(-v_d t / dz1) */
  q = 50.0;
  for (int s = 0; s < 7200; s++) vdiff_column_step(&col.c, 0.5, 1.0, 1, 0.0, 0.01, &q, NULL, NULL, work);
  tf_check_rel("deposition_box_CN_small_dt_vs_exp", q, 50.0 * exp(-0.01 * 7200.0 / 40.0), 1e-6);
}

static void test_acm2(void)
{
  double work[vdiff_work_len(NMAX)];
  /* f_conv table, docs/physics-references.md §2.2 [S] */
  const double hl[8] = {1, 2, 5, 10, 20, 50, 100, 1000};
  const double fc[8] = {0.281, 0.330, 0.401, 0.457, 0.515, 0.590, 0.645, 0.796};
  for (int t = 0; t < 8; t++) {
    char nm[48];
    snprintf(nm, sizeof nm, "acm2_fconv_h/L=%g", hl[t]);
    tf_check(nm, vdiff_acm2_fconv(hl[t]), fc[t], 5.1e-4);
  }
  /* well-mixed invariance and conservation with strong non-local mixing */
  column col;
  cbl_column(&col, 2e-3, 11);
  for (int t = 0; t < 2; t++) {
    double theta = t ? 0.5 : 1.0, q[NMAX], dev = 0;
    for (int k = 0; k < col.nz; k++) q[k] = 40.0;
    for (int s = 0; s < 10; s++) vdiff_column_step(&col.c, theta, 600.0, t ? 20 : 1, 0.0, 0.0, q, NULL, NULL, work);
    for (int k = 0; k < col.nz; k++) dev = fmax(dev, fabs(q[k] / 40.0 - 1.0));
    tf_check_le(t ? "acm2_well_mixed_invariance_CN" : "acm2_well_mixed_invariance_BE", dev, 1e-14);
    for (int k = 0; k < col.nz; k++) q[k] = k == 0 ? 100.0 : (k == 9 ? 50.0 : 1.0);
    double m0 = colmass(&col, q), mn = 1e300;
    for (int s = 0; s < 10; s++) vdiff_column_step(&col.c, theta, 600.0, t ? 20 : 1, 0.0, 0.0, q, NULL, NULL, work);
    for (int k = 0; k < col.nz; k++) mn = fmin(mn, q[k]);
    tf_check_le(t ? "acm2_mass_relerr_CN" : "acm2_mass_relerr_BE", fabs(colmass(&col, q) - m0) / m0, 5e-14);
    tf_check_ge(t ? "acm2_min_positive_CN" : "acm2_min_positive_BE", mn, 0.0);
  }
  /* bottom-up vs top-down (Pleim 2007a, qualitative [U]): same tracer mass put in the
   * lowest layer or in the top CBL layer; after 10 min the bottom-up profile is closer to
   * well mixed over the CBL. */
  {
    double qb[NMAX] = {0}, qt[NMAX] = {0};
    int kt = 11;
    double mcbl = 0;
    for (int k = 0; k <= kt; k++) mcbl += col.m[k];
    qb[0] = 1000.0 / col.m[0];
    qt[kt] = 1000.0 / col.m[kt];
    for (int s = 0; s < 10; s++) {
      vdiff_column_step(&col.c, 1.0, 60.0, 1, 0.0, 0.0, qb, NULL, NULL, work);
      vdiff_column_step(&col.c, 1.0, 60.0, 1, 0.0, 0.0, qt, NULL, NULL, work);
    }
    double db = 0, dt = 0, mean = 1000.0 / mcbl;
    for (int k = 0; k <= kt; k++) { db += col.m[k] * fabs(qb[k] - mean); dt += col.m[k] * fabs(qt[k] - mean); }
    tf_check_le("acm2_bottom_up_minus_top_down_mixing_deficit", db / 1000.0 - dt / 1000.0, 0.0);
  }
}

static void test_lapacke(void)
{
  double work[vdiff_work_len(NMAX)];
  unsigned seed = 12345;
  for (int t = 0; t < 4; t++) {
    column col;
    int acm = t >= 2;
    double theta = (t % 2) ? 0.5 : 1.0;
    cbl_column(&col, acm ? 3e-3 : 0.0, acm ? 11 : 0);
    int nz = col.nz;
    double q[NMAX], x[NMAX], B[NMAX * NMAX], rhs[NMAX], h = 900.0, F = 0.05, vd = 0.008;
    for (int k = 0; k < nz; k++) { seed = seed * 1103515245u + 12345u; q[k] = 1.0 + (seed >> 16) % 1000 / 10.0; }
    vdiff_column_matrix(&col.c, theta, h, B);
    /* explicit part: L q = (m q - B q) / (theta h), then r = m q + (1-theta) h L q + sources */
    double rho0 = col.m[0] / (col.zw[1] - col.zw[0]);
    for (int k = 0; k < nz; k++) {
      double bq = 0;
      for (int j = 0; j < nz; j++) bq += B[k * nz + j] * q[j];
      double lq = (col.m[k] * q[k] - bq) / (theta * h);
      rhs[k] = col.m[k] * q[k] + (1.0 - theta) * h * lq;
    }
    rhs[0] += h * rho0 * F - (1.0 - theta) * h * rho0 * vd * q[0];
    B[0] += theta * h * rho0 * vd;
    memcpy(x, q, sizeof q);
    vdiff_column_step(&col.c, theta, h, 1, F, vd, x, NULL, NULL, work);
    double err = 0, nrm = 0;
    if (!acm) {
      /* tridiagonal: LAPACKE_dgtsv */
      double dl[NMAX], d[NMAX], du[NMAX];
      for (int k = 0; k < nz; k++) {
        d[k] = B[k * nz + k];
        if (k > 0) dl[k - 1] = B[k * nz + k - 1];
        if (k < nz - 1) du[k] = B[k * nz + k + 1];
      }
      TF_EXPECT(LAPACKE_dgtsv(LAPACK_ROW_MAJOR, nz, 1, dl, d, du, rhs, 1) == 0);
    } else {
      lapack_int ipiv[NMAX];
      TF_EXPECT(LAPACKE_dgesv(LAPACK_ROW_MAJOR, nz, 1, B, nz, ipiv, rhs, 1) == 0);
    }
    for (int k = 0; k < nz; k++) { err = fmax(err, fabs(x[k] - rhs[k])); nrm = fmax(nrm, fabs(rhs[k])); }
    char nm[64];
    snprintf(nm, sizeof nm, "lapacke_%s_%s_relerr", acm ? "dgesv_acm2" : "dgtsv_kz", theta == 1.0 ? "BE" : "CN");
    tf_check_le(nm, err / nrm, 1e-12);
  }
}

/* Grid operator on a synthetic convective afternoon. */
static void make_met(tf_met *m, const tf_grid *g)
{
  const int nz = g->nz;
  for (int j = -g->halo; j < g->nyo + g->halo; j++)
    for (int i = -g->halo; i < g->nxo + g->halo; i++) {
      size_t c = grid_idx2(g, i, j);
      m->mu_pa[c] = 9.0e4 - 500.0 * i;
      m->pblh_m[c] = i < 6 ? 1600.0 : 300.0;  /* convective west, shallow east */
      m->hfx_wm2[c] = i < 6 ? 250.0 : -20.0;
      m->ust_ms[c] = 0.35;
      double z = 0;
      m->zw_m[c] = 0.0;
      for (int k = 0; k < nz; k++) {
        double p = (0.5 * (g->eta_w[k] + g->eta_w[k + 1])) * m->mu_pa[c] + g->ptop_pa;
        double tk = 303.0 - 0.0098 * z - (k == 0 ? 0.0 : 1.5);  /* superadiabatic surface layer */
        double dz = TF_RD * tk / TF_G * log((g->eta_w[k] * m->mu_pa[c] + g->ptop_pa) /
                                             (g->eta_w[k + 1] * m->mu_pa[c] + g->ptop_pa));
        z += dz;
        m->zw_m[(size_t)(k + 1) * g->n2 + c] = z;
        m->p_pa[(size_t)k * g->n2 + c] = p;
        m->t_k[(size_t)k * g->n2 + c] = tk;
        m->qv_kgkg[(size_t)k * g->n2 + c] = 0.01;
      }
    }
  for (size_t c = 0; c < (size_t)(g->sx + 1) * g->sy * nz; c++) m->u_ms[c] = 5.0 + 0.001 * (c % 977);
  for (size_t c = 0; c < (size_t)g->sx * (g->sy + 1) * nz; c++) m->v_ms[c] = -2.0;
}

static void test_grid(void)
{
  tf_err err = {0};
  const int nx = 10, ny = 7, nz = 18, nsp = 3;
  tf_grid *g = grid_create(nx, ny, nz, 1, &err);
  g->dx_m = g->dy_m = 12000.0;
  g->ptop_pa = 5000.0;
  for (int k = 0; k <= nz; k++) g->eta_w[k] = 1.0 - pow((double)k / nz, 1.4);
  for (size_t c = 0; c < g->n2; c++) { g->mapfac[c] = 1.0 + 0.01 * (c % 7); g->landuse[c] = (c % 5 == 0) ? TF_LU_URBAN : TF_LU_DRY_CROP; }
  tf_met *m = met_create(g, &err);
  make_met(m, g);
  const char *names[3] = {"ONE", "NO", "O3"};
  tf_state *s1 = state_create(g, nsp, names, &err), *s2 = state_create(g, nsp, names, &err);
  double *sf = calloc((size_t)nsp * g->n2, sizeof *sf), *vd = calloc((size_t)nsp * g->n2, sizeof *vd);
  for (int k = 0; k < nz; k++)
    for (int j = 0; j < ny; j++)
      for (int i = 0; i < nx; i++) {
        size_t c = grid_idx3(g, i, j, k);
        s1->c[c] = 1.0;
        s1->c[g->n3 + c] = k == 0 ? 20.0 : 0.5;
        s1->c[2 * g->n3 + c] = 30.0 + 2.0 * k;
      }
  memcpy(s2->c, s1->c, (size_t)nsp * g->n3 * sizeof(double));
  for (size_t c = 0; c < g->n2; c++) { sf[g->n2 + c] = 0.05; vd[2 * g->n2 + c] = 0.006; vd[g->n2 + c] = 0.002; }
  double mol0[3] = {0}, mol1[3] = {0};
  for (int sp = 0; sp < nsp; sp++)
    for (int k = 0; k < nz; k++)
      for (int j = 0; j < ny; j++)
        for (int i = 0; i < nx; i++) {
          size_t c2 = grid_idx2(g, i, j);
          double a = grid_cell_air_kg(m->mu_pa[c2], g->eta_w[k] - g->eta_w[k + 1], g->dx_m, g->dy_m, g->mapfac[c2]);
          mol0[sp] += s1->c[sp * g->n3 + grid_idx3(g, i, j, k)] * a * 1e-9 / TF_MW_AIR;
        }
  vdiff_ctx *v = vdiff_create(g, nsp, VDIFF_ACM2, &err);
  vdiff_budget *b1 = vdiff_budget_create(nsp, &err), *b2 = vdiff_budget_create(nsp, &err);
#ifdef _OPENMP
  omp_set_num_threads(1);
#endif
  for (int s = 0; s < 6; s++) TF_EXPECT(vdiff_step(v, s1, m, 600.0, sf, vd, b1, &err) == TF_OK);
#ifdef _OPENMP
  omp_set_num_threads(2);
#endif
  for (int s = 0; s < 6; s++) TF_EXPECT(vdiff_step(v, s2, m, 600.0, sf, vd, b2, &err) == TF_OK);
  tf_check("grid_threads_1_vs_2_bitwise", memcmp(s1->c, s2->c, (size_t)nsp * g->n3 * sizeof(double)) == 0, 1, 0);
  tf_check_ge("grid_acm2_active_columns", (double)b1->acm_columns, 6.0 * 6 * ny); /* west part, every step */
  tf_check_le("grid_acm2_inactive_in_stable_columns", (double)b1->acm_columns, 6.0 * 6 * ny);
  double dev = 0;
  for (int k = 0; k < nz; k++)
    for (int j = 0; j < ny; j++)
      for (int i = 0; i < nx; i++) dev = fmax(dev, fabs(s1->c[grid_idx3(g, i, j, k)] - 1.0));
  tf_check_le("grid_well_mixed_invariance", dev, 1e-14);
  for (int sp = 0; sp < nsp; sp++)
    for (int k = 0; k < nz; k++)
      for (int j = 0; j < ny; j++)
        for (int i = 0; i < nx; i++) {
          size_t c2 = grid_idx2(g, i, j);
          double a = grid_cell_air_kg(m->mu_pa[c2], g->eta_w[k] - g->eta_w[k + 1], g->dx_m, g->dy_m, g->mapfac[c2]);
          mol1[sp] += s1->c[sp * g->n3 + grid_idx3(g, i, j, k)] * a * 1e-9 / TF_MW_AIR;
        }
  for (int sp = 1; sp < nsp; sp++) {
    char nm[64];
    snprintf(nm, sizeof nm, "grid_budget_closure_%s_relerr", names[sp]);
    tf_check_le(nm, fabs(mol1[sp] - (mol0[sp] + b1->emis_mol[sp] - b1->dep_mol[sp])) / mol0[sp], 1e-13);
  }
  tf_check_ge("grid_O3_deposited_mol_positive", b1->dep_mol[2], 1e-6);
  /* surface NO (emitted, convective west) is mixed upward more in the ACM2 columns */
  for (int k = 0; k < 6; k++)
    printf("layer %d z_top=%.0f m: NO west (convective) %.4f, east (stable) %.4f ppb\n", k,
           m->zw_m[(size_t)(k + 1) * g->n2 + grid_idx2(g, 2, 3)], s1->c[g->n3 + grid_idx3(g, 2, 3, k)],
           s1->c[g->n3 + grid_idx3(g, 8, 3, k)]);
  double up_w = s1->c[g->n3 + grid_idx3(g, 2, 3, 4)], up_e = s1->c[g->n3 + grid_idx3(g, 8, 3, 4)];
  tf_check_ge("grid_NO_layer4_convective_minus_stable_ppb", up_w - up_e, 0.5);
  vdiff_destroy(&v);
  vdiff_budget_destroy(&b1); vdiff_budget_destroy(&b2);
  state_destroy(&s1); state_destroy(&s2); met_destroy(&m); grid_destroy(&g);
  free(sf); free(vd);
}

int main(void)
{
  test_modes();
  test_gaussian();
  test_deposition();
  test_acm2();
  test_lapacke();
  test_grid();
  return tf_test_exit();
}
