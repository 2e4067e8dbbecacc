/* test_ppm1d.c — 1-D validation of the PPM sweep (model/transport/ppm.c).
 *
 * References: docs/physics-references.md §1.3 — exact checks [S, analytic] (one-cell shift at
 * Courant 1, donor-cell Fourier damping cos(pi k/N)^n at Courant 1/2, mass to round-off)
 * and the self-computed [S] table of error norms for CW84 PPM with the CMAQ hppm.F
 * limiter (periodic, u = 1, exact cell-average initial conditions) and its L2
 * convergence table for sin^4. */
#include "tf_test.h"
#include "model/core/tf_const.h"
#include "model/transport/adv_plane.h"
#include <math.h>
#include <stdlib.h>

enum { IC_SQUARE, IC_SIN4 };

/* Exact cell averages on [0,1) with n cells. */
static void init_ic(int ic, int n, double *q)
{
  double dx = 1.0 / n;
  for (int i = 0; i < n; i++) {
    double a = i * dx, b = (i + 1) * dx;
    if (ic == IC_SQUARE) {
      double lo = fmax(a, 0.4), hi = fmin(b, 0.6);
      q[i] = hi > lo ? (hi - lo) / dx : 0.0;
    } else {
      /* integral of sin^4(pi x) = 3x/8 - sin(2 pi x)/(4 pi) + sin(4 pi x)/(32 pi) */
#define S4(x) (3.0 * (x) / 8.0 - sin(2.0 * TF_PI * (x)) / (4.0 * TF_PI) + sin(4.0 * TF_PI * (x)) / (32.0 * TF_PI))
      q[i] = (S4(b) - S4(a)) / dx;
#undef S4
    }
  }
}

typedef struct { double l1, l2, linf, min, max, mass_err; } norms;

/* Run `steps` steps of periodic advection at Courant c (volume form, or mass form with
 * uniform mass when mass != 0) and return Williamson norms against the initial field. */
static norms run(int scheme, int ic, int n, double c, int steps, int mass, double *qout)
{
  tf_err err = {0};
  adv_plane *p = adv_plane_create(n, 1, ADV_PLANE_PERIODIC, scheme, &err);
  double *q = malloc(n * sizeof *q), *q0 = malloc(n * sizeof *q0), *f = malloc((n + 1) * sizeof *f);
  double *m = mass ? malloc(n * sizeof *m) : NULL;
  init_ic(ic, n, q0);
  for (int i = 0; i < n; i++) { q[i] = q0[i]; if (m) m[i] = 1.0; }
  for (int i = 0; i <= n; i++) f[i] = c;
  double mass0 = 0.0;
  for (int i = 0; i < n; i++) mass0 += q[i];
  for (int s = 0; s < steps; s++) TF_EXPECT(adv_plane_sweep(p, 0, q, m, f, 1.0, &err) == TF_OK);
  norms r = {0, 0, 0, 1e300, -1e300, 0};
  double s1 = 0, s2 = 0, emax = 0, qmax = 0, mass1 = 0;
  for (int i = 0; i < n; i++) {
    double e = q[i] - q0[i];
    r.l1 += fabs(e); s1 += fabs(q0[i]);
    r.l2 += e * e; s2 += q0[i] * q0[i];
    emax = fmax(emax, fabs(e)); qmax = fmax(qmax, fabs(q0[i]));
    r.min = fmin(r.min, q[i]); r.max = fmax(r.max, q[i]);
    mass1 += q[i];
  }
  r.l1 /= s1; r.l2 = sqrt(r.l2 / s2); r.linf = emax / qmax;
  r.mass_err = fabs(mass1 - mass0) / mass0;
  if (qout) for (int i = 0; i < n; i++) qout[i] = q[i];
  adv_plane_destroy(&p);
  free(q); free(q0); free(f); free(m);
  return r;
}

static void check_row(const char *tag, norms r, double l1, double l2, double linf, double mx)
{
  char nm[128];
  snprintf(nm, sizeof nm, "%s_L1", tag);   tf_check_rel(nm, r.l1, l1, 2e-4);
  snprintf(nm, sizeof nm, "%s_L2", tag);   tf_check_rel(nm, r.l2, l2, 2e-4);
  snprintf(nm, sizeof nm, "%s_Linf", tag); tf_check_rel(nm, r.linf, linf, 2e-4);
  snprintf(nm, sizeof nm, "%s_max", tag);  tf_check(nm, r.max, mx, 2e-6);
  snprintf(nm, sizeof nm, "%s_mass_relerr", tag); tf_check_le(nm, r.mass_err, 1e-13);
}

/* Non-uniform grid (ppm_sweep_w, CW84 eqs 1.6-1.7): (a) edge values are exact for cell
 * averages of a monotone cubic on a stretched grid (ratio 1.2 per cell); (b) advection of
 * sin^4 in the mass coordinate of a rough periodic grid (widths varying irregularly by up
 * to 2.6x between neighbours) keeps second order, where the index-space (uniform)
 * reconstruction drops towards first order. */
#include "model/transport/ppm.h"
static double cub(double x) { return 1.0 + 0.8 * x + 0.1 * x * x + 0.01 * x * x * x; }
static double cub_int(double x) { return x + 0.4 * x * x + 0.1 * x * x * x / 3.0 + 0.0025 * x * x * x * x; }

static void nonuniform_checks(void)
{
  enum { N = 20 };
  double wb[N + 6], qb[N + 6], fb[N + 1], gb[N + 1], qn[N], work[9 * (N + 6)];
  double *w = wb + 3, *q = qb + 3, edge_err = 0;
  for (int i = -3; i < N + 3; i++) w[i] = 0.3 * pow(1.2, i);
  double x0 = 0.0; /* left edge of cell -3 */
  double xl[N + 7];
  xl[0] = x0;
  for (int i = -3; i < N + 3; i++) xl[i + 4] = xl[i + 3] + w[i];
  for (int i = -3; i < N + 3; i++) q[i] = (cub_int(xl[i + 4]) - cub_int(xl[i + 3])) / w[i];
  for (int i = 0; i <= N; i++) fb[i] = 1e-10 * w[i - 1];
  ppm_sweep_w(N, q, w, fb, w, qn, gb, NULL, work);
  for (int i = 0; i <= N; i++) edge_err = fmax(edge_err, fabs(gb[i] / fb[i] / cub(xl[i + 3]) - 1.0));
  tf_check_le("nonuniform_edge_cubic_exact_max_relerr", edge_err, 1e-10); /* x = 1e-10 sample */
  /* (b) periodic rough grid, widths 1 + 0.5 sin(2 pi i / n) + 0.4 ((7i) mod 3), constant mass
   * flux (so every cell keeps its mass), one revolution */
  double l2[2][3];
  const int ns[3] = {50, 100, 200};
  for (int t = 0; t < 3; t++) {
    int n = ns[t];
    double *W = malloc((n + 6) * sizeof *W), *Q = malloc((n + 6) * sizeof *Q), *Q0 = malloc(n * sizeof *Q0);
    double *F = malloc((n + 1) * sizeof *F), *G = malloc((n + 1) * sizeof *G), *QN = malloc(n * sizeof *QN);
    double *WK = malloc((size_t)ppm_work_len_w(n) * sizeof *WK), *X = malloc((n + 1) * sizeof *X);
    double *Wc = W + 3, *Qc = Q + 3, tot = 0;
    for (int i = 0; i < n; i++) { Wc[i] = (1.0 + 0.5 * sin(2 * TF_PI * (i + 0.5) / n) + 0.4 * ((i * 7) % 3)) / n; tot += Wc[i]; }
    X[0] = 0;
    for (int i = 0; i < n; i++) X[i + 1] = X[i] + Wc[i];
    for (int i = 0; i < n; i++) {
#define S4(x) (3.0 * (x) / 8.0 - sin(2.0 * TF_PI * (x)) / (4.0 * TF_PI) + sin(4.0 * TF_PI * (x)) / (32.0 * TF_PI))
      Q0[i] = (S4(X[i + 1] / tot) - S4(X[i] / tot)) * tot / Wc[i];
#undef S4
    }
    for (int k = 1; k <= 3; k++) { Wc[-k] = Wc[n - k]; Wc[n - 1 + k] = Wc[k - 1]; }
    double wmin = 1e300;
    for (int i = 0; i < n; i++) wmin = fmin(wmin, Wc[i]);
    int steps = (int)ceil(tot / (0.5 * wmin));
    for (int i = 0; i <= n; i++) F[i] = tot / steps;
    for (int v = 0; v < 2; v++) {
      for (int i = 0; i < n; i++) Qc[i] = Q0[i];
      for (int s = 0; s < steps; s++) {
        for (int k = 1; k <= 3; k++) { Qc[-k] = Qc[n - k]; Qc[n - 1 + k] = Qc[k - 1]; }
        ppm_sweep_w(n, Qc, Wc, F, v ? Wc : NULL, QN, G, NULL, WK);
        for (int i = 0; i < n; i++) Qc[i] = QN[i];
      }
      double e2 = 0, r2 = 0;
      for (int i = 0; i < n; i++) { e2 += Wc[i] * (Qc[i] - Q0[i]) * (Qc[i] - Q0[i]); r2 += Wc[i] * Q0[i] * Q0[i]; }
      l2[v][t] = sqrt(e2 / r2);
    }
    free(W); free(Q); free(Q0); free(F); free(G); free(QN); free(WK); free(X);
  }
  for (int t = 0; t < 3; t++) {
    char nm[80];
    snprintf(nm, sizeof nm, "nonuniform_sin4_N%d_L2_cw84w_le_indexspace", ns[t]);
    tf_check_le(nm, l2[1][t], l2[0][t]);
  }
  printf("non-uniform grid sin4 L2: index-space %.3e %.3e %.3e, CW84 non-uniform %.3e %.3e %.3e\n",
         l2[0][0], l2[0][1], l2[0][2], l2[1][0], l2[1][1], l2[1][2]);
  tf_check_ge("nonuniform_sin4_order_N100_200", log2(l2[1][1] / l2[1][2]), 1.8);
  tf_check_le("indexspace_on_rough_grid_order_N100_200", log2(l2[0][1] / l2[0][2]), 1.5);
}

int main(void)
{
  nonuniform_checks();
  /* 1. One-cell shift per step at Courant 1 (exact): one revolution returns the IC. */
  for (int scheme = 0; scheme < 2; scheme++) {
    norms r = run(scheme, IC_SQUARE, 100, 1.0, 100, 0, NULL);
    tf_check_le(scheme == 0 ? "ppm_C1_shift_Linf" : "dc_C1_shift_Linf", r.linf, 1e-14);
  }
  {
    /* shift of 37 cells, mass form with uniform mass: exact cell shift */
    int n = 100;
    double *q = malloc(n * sizeof *q), *q0 = malloc(n * sizeof *q0);
    run(ADV_PLANE_PPM, IC_SIN4, n, 1.0, 37, 1, q);
    init_ic(IC_SIN4, n, q0);
    double e = 0;
    for (int i = 0; i < n; i++) e = fmax(e, fabs(q[i] - q0[(i - 37 + n) % n]));
    tf_check_le("ppm_mass_form_C1_shift37_maxerr", e, 1e-14);
    free(q); free(q0);
  }
  /* 2. Donor cell at Courant 1/2: Fourier mode k is multiplied by cos(pi k/N) per step
   * with no phase error relative to the exact half-cell shift. Predict the whole field
   * after 200 steps (one revolution) from the DFT of the IC and compare. */
  {
    int n = 100, steps = 200;
    double *q = malloc(n * sizeof *q), *q0 = malloc(n * sizeof *q0), *pred = calloc(n, sizeof *pred);
    run(ADV_PLANE_DONOR, IC_SIN4, n, 0.5, steps, 0, q);
    init_ic(IC_SIN4, n, q0);
    double amp_num[3] = {0}, amp_ic[3] = {0};
    for (int k = 0; k < n; k++) {
      double re = 0, im = 0, re1 = 0, im1 = 0;
      for (int i = 0; i < n; i++) {
        double a = 2.0 * TF_PI * k * i / n;
        re += q0[i] * cos(a); im += q0[i] * sin(a);
        re1 += q[i] * cos(a); im1 += q[i] * sin(a);
      }
      double gk = pow(cos(TF_PI * k / n), steps);
      for (int i = 0; i < n; i++) {
        double a = 2.0 * TF_PI * k * i / n;
        pred[i] += gk * (re * cos(a) + im * sin(a)) / n;
      }
      if (k < 3) { amp_ic[k] = hypot(re, im); amp_num[k] = hypot(re1, im1); }
    }
    double e = 0;
    for (int i = 0; i < n; i++) e = fmax(e, fabs(q[i] - pred[i]));
    tf_check_le("dc_C0.5_fourier_prediction_maxerr", e, 1e-12);
    tf_check("dc_C0.5_mode1_damping", amp_num[1] / amp_ic[1], pow(cos(TF_PI / n), steps), 1e-12);
    tf_check("dc_C0.5_mode2_damping", amp_num[2] / amp_ic[2], pow(cos(2 * TF_PI / n), steps), 1e-12);
    tf_check("dc_C0.5_mode1_damping_vs_table", amp_num[1] / amp_ic[1], 0.9060, 5e-5);
    tf_check("dc_C0.5_mode2_damping_vs_table", amp_num[2] / amp_ic[2], 0.6737, 5e-5);
    free(q); free(q0); free(pred);
  }
  /* 3. Norm table, docs/physics-references.md §1.3 [S] (N = 100). */
  check_row("dc_square_C0.5_rev1", run(ADV_PLANE_DONOR, IC_SQUARE, 100, 0.5, 200, 0, NULL),
            5.6255e-01, 4.1506e-01, 4.7467e-01, 0.841835);
  check_row("dc_sin4_C0.5_rev1", run(ADV_PLANE_DONOR, IC_SIN4, 100, 0.5, 200, 0, NULL),
            9.9154e-02, 8.4131e-02, 8.7712e-02, 0.911689);
  struct { int ic; double c; int rev; double l1, l2, linf, mx, mn; } ref[] = {
    {IC_SQUARE, 0.5, 1, 9.7072e-02, 1.6694e-01, 3.5455e-01, 1.000000, 0.0},
    {IC_SQUARE, 0.5, 5, 1.3434e-01, 2.0044e-01, 3.9432e-01, 1.000000, 0.0},
    {IC_SQUARE, 0.2, 1, 1.0657e-01, 1.7605e-01, 3.7304e-01, 1.000000, 0.0},
    {IC_SQUARE, 0.8, 1, 8.1632e-02, 1.5007e-01, 3.3152e-01, 1.000000, 0.0},
    {IC_SIN4, 0.5, 1, 5.9712e-04, 1.4048e-03, 3.9349e-03, 0.995410, 6.87e-06},
    {IC_SIN4, 0.5, 5, 1.5099e-03, 2.9020e-03, 7.6100e-03, 0.991737, 1.21e-05},
  };
  for (size_t t = 0; t < sizeof ref / sizeof ref[0]; t++) {
    int steps = (int)lround(ref[t].rev * 100 / ref[t].c);
    for (int mass = 0; mass < 2; mass++) {
      char tag[96];
      snprintf(tag, sizeof tag, "ppm%s_%s_C%.1f_rev%d", mass ? "_massform" : "",
               ref[t].ic == IC_SQUARE ? "square" : "sin4", ref[t].c, ref[t].rev);
      norms r = run(ADV_PLANE_PPM, ref[t].ic, 100, ref[t].c, steps, mass, NULL);
      check_row(tag, r, ref[t].l1, ref[t].l2, ref[t].linf, ref[t].mx);
      char nm[128];
      snprintf(nm, sizeof nm, "%s_min_nonneg", tag);
      tf_check_ge(nm, r.min, 0.0);
      if (ref[t].mn > 0) {
        snprintf(nm, sizeof nm, "%s_min", tag);
        tf_check_rel(nm, r.min, ref[t].mn, 5e-3);
      }
    }
  }
  /* 4. Convergence on smooth data (sin^4, C = 0.5, one revolution), [S] L2 table. */
  {
    const int ns[4] = {50, 100, 200, 400};
    const double l2ref[4] = {5.56e-3, 1.40e-3, 3.42e-4, 8.32e-5};
    double l2[4];
    for (int t = 0; t < 4; t++) {
      l2[t] = run(ADV_PLANE_PPM, IC_SIN4, ns[t], 0.5, 2 * ns[t], 0, NULL).l2;
      char nm[64];
      snprintf(nm, sizeof nm, "ppm_sin4_L2_N%d", ns[t]);
      tf_check_rel(nm, l2[t], l2ref[t], 6e-3);
    }
    tf_check_ge("ppm_sin4_order_N200_400", log2(l2[2] / l2[3]), 2.0);
    tf_check_ge("ppm_sin4_order_N50_400", log2(l2[0] / l2[3]) / 3.0, 1.95);
  }
  return tf_test_exit();
}
