/* test_chem_ros_stages.c — the stages of a Rosenbrock step (rosenbrock.c, declared in
 * chem_impl.h), each on input whose answer is known:
 *  - chem_ros_step_factor: KPP's controller (Hairer & Wanner 1996, IV.8)
 *    fac = min(facmax, max(facmin, 0.9 err^(-1/p))) at chosen errors, facmax at err 0/NaN.
 *  - chem_ros_stage_state / chem_ros_stage_rhs: y + sum A_ij K_j and F + sum C_ij/h K_j
 *    on a hand-made two-stage coefficient set.
 *  - chem_ros_combine: new solution, error vector and error sum on two lanes by hand.
 *  - chem_ros_matrix + chem_k_solve (the stage solve): for A -> B -> C (k 2, 3) the
 *    matrix 1/(h gamma) I - J is lower triangular; G x = b with x = (1, 2, 3) recovered.
 *  - a whole step (chem_k_fun, chem_ros_matrix, chem_ros_stages, chem_ros_combine) on
 *    y' = -k y: the local error against exp(-k h) falls as h^(p+1) for every method.
 *  - the stages driven by the step-size controller on the Robertson problem to t = 40,
 *    against Hairer & Wanner's (1996, IV.1) reference y1 = 0.7158270687,
 *    y2 = 9.185534764e-6, y3 = 0.2841637457. */
#include "chem_test_util.h"
#include "model/chem/chem_impl.h"

#include <string.h>

static int ivar(const chem_mech *m, const char *name) { return m->var_of_spec[chem_mech_find(m, name)]; }

static void test_step_factor(void)
{
  chem_opts o;
  chem_opts_default(&o); /* fac_min 0.2, fac_max 6, fac_safe 0.9 */
  tf_check_rel("factor err 1", chem_ros_step_factor(&o, 3.0, 1.0), 0.9, 1e-15);
  tf_check_rel("factor err 8", chem_ros_step_factor(&o, 3.0, 8.0), 0.45, 1e-15);
  tf_check_rel("factor err 1/8", chem_ros_step_factor(&o, 3.0, 0.125), 1.8, 1e-15);
  tf_check_rel("factor err 1/16 p 4", chem_ros_step_factor(&o, 4.0, 0.0625), 1.8, 1e-15);
  TF_EXPECT(chem_ros_step_factor(&o, 3.0, 1000.0) == 0.2);   /* 0.09 -> fac_min */
  TF_EXPECT(chem_ros_step_factor(&o, 3.0, 1e-6) == 6.0);     /* 90 -> fac_max */
  TF_EXPECT(chem_ros_step_factor(&o, 3.0, 0.0) == 6.0);
  TF_EXPECT(chem_ros_step_factor(&o, 3.0, NAN) == 6.0);
}

/* two stages: A_10 = 2, C_10 = -3, M = (1, 0.5), E = (0.5, -1) */
static const chem_ros_method two = {.name = "two", .order = 1, .s = 2, .A = {2.0}, .C = {-3.0},
                                    .M = {1.0, 0.5}, .E = {0.5, -1.0}, .gamma1 = 1.0, .elo = 1.0,
                                    .newf = {1, 1}};

static void test_stage_combination(void)
{
  enum { NV = 2, LD = 3 };
  /* [v][lane], lane 2 unused */
  double y[NV * LD] = {1, 0, 99, -2, 0, 99};
  double K[2 * NV * LD] = {2, 1, 99, 0, 1, 99, /* K0 */ 4, 0, 99, 2, 0, 99 /* K1 */};
  double F[NV * LD] = {10, 20, 99, 30, 40, 99}, hinv[LD] = {0.5, 2, 99};
  double yn[NV * LD], Ki[NV * LD];
  chem_ros_stage_state(&two, 1, NV, 2, LD, y, K, yn);
  TF_EXPECT(yn[0] == 5 && yn[1] == 2 && yn[LD] == -2 && yn[LD + 1] == 2);
  chem_ros_stage_rhs(&two, 1, NV, 2, LD, F, K, hinv, Ki);
  TF_EXPECT(Ki[0] == 10 - 3 && Ki[1] == 20 - 6 && Ki[LD] == 30 && Ki[LD + 1] == 40 - 6);
  chem_ros_stage_rhs(&two, 0, NV, 2, LD, F, K, hinv, Ki); /* first stage: Ki = F */
  TF_EXPECT(Ki[0] == 10 && Ki[1] == 20 && Ki[LD] == 30 && Ki[LD + 1] == 40);

  double atol[NV * LD] = {1, 1, 1, 1, 1, 1}, rtol[NV] = {0.5, 0.1}, e[NV * LD], err2[LD];
  chem_ros_combine(&two, NV, 2, LD, y, K, atol, rtol, yn, e, err2);
  /* lane 0: ynew = (1 + 2 + 2, -2 + 0 + 1) = (5, -1), e = (1 - 4, 0 - 2) = (-3, -2),
   * scales 1 + 0.5 * 5 and 1 + 0.1 * 2; lane 1: ynew = (1, 1), e = (0.5, 0.5) */
  TF_EXPECT(yn[0] == 5 && yn[LD] == -1 && e[0] == -3 && e[LD] == -2);
  TF_EXPECT(yn[1] == 1 && yn[LD + 1] == 1 && e[1] == 0.5 && e[LD + 1] == 0.5);
  tf_check_rel("error sum lane 0", err2[0], 9 / 12.25 + 4 / 1.44, 1e-15);
  tf_check_rel("error sum lane 1", err2[1], 0.25 / 2.25 + 0.25 / 1.21, 1e-15);
}

/* y' = -k y for A, k = 0.5; A -> B -> C (2, 3) for the stage solve */
static const char *decay = "#DEFVAR\nA = IGNORE;\nB = IGNORE;\n#EQUATIONS\n<R1> A = B : 0.5;\n";
static const char *chain = "#DEFVAR\nA = IGNORE;\nB = IGNORE;\nC = IGNORE;\n#EQUATIONS\n"
                           "<R1> A = B : 2.0;\n<R2> B = C : 3.0;\n";

static void test_stage_solve(void)
{
  chem_mech *m = load_mech_text("chain", chain);
  TF_EXPECT(m != NULL);
  if (!m) return;
  enum { LD = 2 };
  chem_ros_ws w;
  TF_EXPECT(chem_ros_ws_alloc(&w, m, LD) == TF_OK);
  chem_env env = {.temp_k = NULL};
  int cells[LD] = {0, 0};
  chem_k_rates(m, &env, cells, LD, LD, w.fix, w.k, w.stack);
  memset(w.y, 0, 3 * LD * sizeof(double)); /* linear: J does not depend on y */
  const double gamma1 = 0.25;
  w.h[0] = 1.0 / gamma1;         /* 1/(h gamma) = 1: G = [3 0 0; -2 4 0; 0 -3 1] */
  w.h[1] = 1.0 / (2.0 * gamma1); /* 1/(h gamma) = 2: G = [4 0 0; -2 5 0; 0 -3 2] */
  int a = ivar(m, "A"), b = ivar(m, "B"), c = ivar(m, "C");
  TF_EXPECT(chem_ros_matrix(m, gamma1, LD, LD, w.k, w.y, w.h, w.dq, w.G, w.inv, w.sing, w.err) == 0);
  double *x = w.K;
  x[a * LD] = 3, x[b * LD] = 6, x[c * LD] = -3;    /* G (1, 2, 3), lane 0 */
  x[a * LD + 1] = 4, x[b * LD + 1] = 8, x[c * LD + 1] = 0;
  chem_k_solve(m, LD, LD, w.G, w.inv, x);
  for (int l = 0; l < LD; l++) {
    tf_check("solve x_A", x[a * LD + l], 1.0, 1e-14);
    tf_check("solve x_B", x[b * LD + l], 2.0, 1e-14);
    tf_check("solve x_C", x[c * LD + l], 3.0, 1e-14);
  }
  chem_ros_ws_free(&w);
  chem_mech_destroy(&m);
}

/* One whole step of lanes 0..n-1 from w->y with steps w->h: w->ynew and w->err (the
 * error sum), as integrate_batch takes it. */
static void ros_step(const chem_mech *m, const chem_ros_method *R, chem_ros_ws *w, int n,
                     const double *rtol, chem_stats *st)
{
  chem_k_fun(m, n, w->ld, w->k, w->y, w->rate, w->fcn0);
  chem_ros_matrix(m, R->gamma1, n, w->ld, w->k, w->y, w->h, w->dq, w->G, w->inv, w->sing, w->err);
  chem_ros_stages(m, R, w, n, st);
  chem_ros_combine(R, m->nvar, n, w->ld, w->y, w->K, w->atol, rtol, w->ynew, w->fcn, w->err);
}

static void test_step_order(void)
{
  chem_mech *m = load_mech_text("decay", decay);
  TF_EXPECT(m != NULL);
  if (!m) return;
  enum { LD = 2 };
  const double k = 0.5, hs[LD] = {0.1, 0.05}, rtol[2] = {1e-3, 1e-3};
  chem_ros_ws w;
  TF_EXPECT(chem_ros_ws_alloc(&w, m, LD) == TF_OK);
  chem_env env = {.temp_k = NULL};
  int cells[LD] = {0, 0}, a = ivar(m, "A");
  for (int meth = 0; meth < CHEM_NMETHODS; meth++) {
    const chem_ros_method *R = chem_ros_method_coeffs(meth);
    chem_stats st = {0};
    chem_k_rates(m, &env, cells, LD, LD, w.fix, w.k, w.stack);
    for (int l = 0; l < LD; l++) {
      for (int v = 0; v < 2; v++) w.y[v * LD + l] = v == a ? 1.0 : 0.0, w.atol[v * LD + l] = 1e-6;
      w.h[l] = hs[l];
    }
    ros_step(m, R, &w, LD, rtol, &st);
    double e0 = fabs(w.ynew[a * LD] - exp(-k * hs[0])), e1 = fabs(w.ynew[a * LD + 1] - exp(-k * hs[1]));
    char name[64];
    snprintf(name, sizeof name, "%s local error order (log2 ratio, h 0.1/0.05)", R->name);
    tf_check(name, log2(e0 / e1), R->order + 1, 0.25);
    TF_EXPECT(st.nsolve == (long)R->s * LD);
  }
  TF_EXPECT(chem_ros_method_coeffs(CHEM_NMETHODS) == NULL);
  chem_ros_ws_free(&w);
  chem_mech_destroy(&m);
}

static void test_robertson(void)
{
  chem_mech *m = load_source_mech("tests/model/chem/data/robertson.eqn");
  TF_EXPECT(m != NULL);
  if (!m) return;
  const chem_ros_method *R = chem_ros_method_coeffs(CHEM_RODAS4);
  chem_opts o;
  chem_opts_default(&o);
  chem_ros_ws w;
  TF_EXPECT(chem_ros_ws_alloc(&w, m, 1) == TF_OK);
  chem_env env = {.temp_k = NULL};
  int cell = 0, i1 = ivar(m, "Y1"), i2 = ivar(m, "Y2"), i3 = ivar(m, "Y3");
  chem_k_rates(m, &env, &cell, 1, 1, w.fix, w.k, w.stack);
  double rtol[3] = {1e-7, 1e-7, 1e-7};
  w.y[i1] = 1.0, w.y[i2] = w.y[i3] = 0.0;
  w.atol[i1] = w.atol[i3] = 1e-12, w.atol[i2] = 1e-14;
  double t = 0.0, tend = 40.0, h = 1e-6;
  chem_stats st = {0};
  int nacc = 0, nrej = 0;
  while (t < tend && nacc + nrej < 100000) {
    w.h[0] = h < tend - t ? h : tend - t;
    ros_step(m, R, &w, 1, rtol, &st);
    double err = sqrt(w.err[0] / 3);
    if (err <= 1.0) {
      t += w.h[0];
      memcpy(w.y, w.ynew, 3 * sizeof(double));
      nacc++;
    } else {
      nrej++;
    }
    h = w.h[0] * chem_ros_step_factor(&o, R->elo, err);
  }
  printf("robertson rodas4 rtol 1e-7: %d accepted, %d rejected steps\n", nacc, nrej);
  TF_EXPECT(t == tend);
  tf_check_rel("Robertson y1(40)", w.y[i1], 0.7158270687, 1e-7);
  tf_check_rel("Robertson y2(40)", w.y[i2], 9.185534764e-6, 1e-6);
  tf_check_rel("Robertson y3(40)", w.y[i3], 0.2841637457, 2e-7);
  chem_ros_ws_free(&w);
  chem_mech_destroy(&m);
}

int main(void)
{
  test_step_factor();
  test_stage_combination();
  test_stage_solve();
  test_step_order();
  test_robertson();
  return tf_test_exit();
}
