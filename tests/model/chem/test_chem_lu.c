/* test_chem_lu.c — the compiled sparse structure:
 *  1. one Newton system (I - h*gamma*J) x = b (Robertson, small_strato, saprc99) solved
 *     with the compiled sparse LU (Markowitz order with fill-in, no pivoting, as KPP)
 *     against the dense LAPACKE_dgesv solution (LAPACK, partial pivoting): the sparse
 *     solution's normwise backward error ||Ax-b||/(||A|| ||x|| + ||b||) must be as small as
 *     LAPACK's (<= 100x LAPACK's + 1e-15), and for the well-conditioned systems the
 *     solutions agree to 1e-10 (saprc99's Newton matrix is very ill-conditioned: the KPP
 *     file's reaction <120> BZNO2_O + NO2 carries a first-order rate constant of ~1e3 s-1
 *     as a second-order one, so only the backward error is meaningful there);
 *  2. the Jacobian from the compiled flat lists equals a central finite difference of the
 *     compiled right-hand side (columns of variable species), up to the difference's
 *     rounding floor 1e-7 max|f_i| / dh;
 *  3. Markowitz ordering does not increase fill-in over the file's natural order, and on
 *     saprc99 reduces it (both counts printed);
 *  4. the rate kernels' vectorisable exp is within 2 ulp of the C library's. */
#include "chem_test_util.h"
#include "model/chem/chem_impl.h"

#include <lapacke.h>
#include <string.h>

/* normwise backward error of x for A x = b (row-major n x n, infinity norms) */
static double backward_error(int n, const double *A, const double *x, const double *b)
{
  double rmax = 0, anorm = 0, xn = 0, bn = 0;
  for (int i = 0; i < n; i++) {
    double r = -b[i], rs = 0;
    for (int j = 0; j < n; j++) {
      r += A[(size_t)i * n + j] * x[j];
      rs += fabs(A[(size_t)i * n + j]);
    }
    rmax = fmax(rmax, fabs(r));
    anorm = fmax(anorm, rs);
    xn = fmax(xn, fabs(x[i]));
    bn = fmax(bn, fabs(b[i]));
  }
  return rmax / (anorm * xn + bn);
}

static void check_mech(const char *path, const char *tag, int expect_reduction)
{
  chem_mech *m = load_mech(path);
  TF_EXPECT(m != NULL);
  if (!m) return;
  int ns = chem_mech_nspec(m);
  double *c = malloc((size_t)ns * sizeof *c), *jac = malloc((size_t)ns * ns * sizeof *jac);
  double *A = malloc((size_t)ns * ns * sizeof *A), *b = malloc((size_t)ns * sizeof *b);
  double *x = malloc((size_t)ns * sizeof *x), *f1 = malloc((size_t)ns * sizeof *f1);
  double *f2 = malloc((size_t)ns * sizeof *f2);
  lapack_int *ipiv = malloc((size_t)ns * sizeof *ipiv);
  init_conc(m, c, 1);
  double cf = chem_mech_cfactor(m);
  for (int i = 0; i < ns; i++) /* a generic state: every species present */
    if (c[i] == 0) c[i] = (cf > 1e3 ? 1e-4 * cf : 1e-3) * (1 + 0.37 * (i % 5));
  double T = 298.0, sun = 0.7;
  chem_env env = {.temp_k = &T, .sun = &sun};
  tf_err err = {0};
  TF_EXPECT(chem_mech_eval_cell(m, &env, 0, c, NULL, NULL, jac, NULL, NULL, &err) == 0);
  /* 2: finite-difference Jacobian */
  double fd_worst = 0;
  for (int j = 0; j < ns; j++) {
    if (chem_mech_is_fixed(m, j)) continue;
    double cj = c[j], dh = 1e-6 * fabs(cj) + 1e-30;
    c[j] = cj + dh;
    chem_mech_eval_cell(m, &env, 0, c, NULL, f1, NULL, NULL, NULL, &err);
    c[j] = cj - dh;
    chem_mech_eval_cell(m, &env, 0, c, NULL, f2, NULL, NULL, NULL, &err);
    c[j] = cj;
    double colmax = 0;
    for (int i = 0; i < ns; i++) colmax = fmax(colmax, fabs(jac[(size_t)i * ns + j]));
    for (int i = 0; i < ns; i++) {
      double fd = (f1[i] - f2[i]) / (2 * dh);
      double floor_i = 1e-7 * fmax(fabs(f1[i]), fabs(f2[i])) / dh;
      double e = fabs(fd - jac[(size_t)i * ns + j]) / (colmax + floor_i + 1e-300);
      if (e > fd_worst) {
        fd_worst = e;
        if (e > 1e-6)
          printf("  d f(%s) / d %s: analytic %.6e, central difference %.6e\n", chem_mech_spec_name(m, i),
                 chem_mech_spec_name(m, j), jac[(size_t)i * ns + j], fd);
      }
    }
  }
  char name[96];
  snprintf(name, sizeof name, "%s_jacobian_vs_central_difference_maxrel", tag);
  tf_check_le(name, fd_worst, 1e-6);
  /* 1: Newton system vs LAPACKE_dgesv (variable species only; fixed rows identity) */
  double hg = 300.0;
  for (int i = 0; i < ns; i++) b[i] = chem_mech_is_fixed(m, i) ? 0.0 : sin(1.0 + i) * c[i];
  TF_EXPECT(chem_mech_newton_solve_cell(m, &env, 0, c, hg, b, x, &err) == 0);
  for (int i = 0; i < ns; i++)
    for (int j = 0; j < ns; j++)
      A[(size_t)i * ns + j] = (i == j) - (chem_mech_is_fixed(m, i) ? 0.0 : hg * jac[(size_t)i * ns + j]);
  double *bd = malloc((size_t)ns * sizeof *bd), *A0 = malloc((size_t)ns * ns * sizeof *A0);
  memcpy(bd, b, (size_t)ns * sizeof *b);
  memcpy(A0, A, (size_t)ns * ns * sizeof *A);
  lapack_int info = LAPACKE_dgesv(LAPACK_ROW_MAJOR, ns, 1, A, ns, ipiv, bd, 1);
  TF_EXPECT(info == 0);
  double worst = 0, xmax = 0;
  for (int i = 0; i < ns; i++) xmax = fmax(xmax, fabs(bd[i]));
  for (int i = 0; i < ns; i++) worst = fmax(worst, fabs(x[i] - bd[i]) / xmax);
  double be_sp = backward_error(ns, A0, x, b), be_la = backward_error(ns, A0, bd, b);
  printf("%s: backward error sparse %.3e, LAPACKE %.3e; max |x_sparse - x_lapack| / max|x| = %.3e\n",
         tag, be_sp, be_la, worst);
  snprintf(name, sizeof name, "%s_sparse_LU_backward_error", tag);
  tf_check_le(name, be_sp, 100 * be_la + 1e-15);
  if (!expect_reduction) {
    snprintf(name, sizeof name, "%s_sparse_LU_vs_LAPACKE_dgesv_maxrel", tag);
    tf_check_le(name, worst, 1e-10);
  }
  /* 3: fill-in */
  chem_sparsity sp;
  chem_mech_sparsity(m, &sp);
  printf("%s: %d variable species, Jacobian nnz %d, LU nnz with Markowitz order %d, natural order %d, "
         "%d LU operations\n", tag, sp.nvar, sp.nnz_jac, sp.nnz_lu, sp.nnz_lu_natural, sp.n_lu_ops);
  snprintf(name, sizeof name, "%s_lu_nnz_markowitz_le_natural", tag);
  tf_check_le(name, sp.nnz_lu, sp.nnz_lu_natural);
  if (expect_reduction) {
    snprintf(name, sizeof name, "%s_fill_in_markowitz_lt_natural", tag);
    tf_check_le(name, sp.nnz_lu - sp.nnz_jac, 0.5 * (sp.nnz_lu_natural - sp.nnz_jac));
  }
  free(c); free(jac); free(A); free(b); free(x); free(f1); free(f2); free(ipiv); free(bd); free(A0);
  chem_mech_destroy(&m);
}

/* 4. the vectorisable exp of the rate-constant kernels against glibc exp on [-708, 709] */
static void check_vexp(void)
{
  double w = 0;
  for (int i = 0; i <= 2000000; i++) {
    double x = -708.0 + 1417.0 * i / 2000000.0, e = exp(x);
    double r = fabs(chem_vexp_for_tests(x) - e) / e;
    if (r > w) w = r;
  }
  tf_check_le("vexp_max_rel_err_vs_libm_exp", w, 4.5e-16);
}

int main(void)
{
  check_vexp();
  char path[1024];
  tf_source_path("tests/model/chem/data/robertson.eqn", path, sizeof path);
  check_mech(path, "robertson", 0);
  if (tf_test_data("kpp-mechanisms/small_strato.def", path, sizeof path))
    check_mech(path, "small_strato", 0);
  if (tf_test_data("kpp-mechanisms/saprc99.def", path, sizeof path))
    check_mech(path, "saprc99", 1);
  return tf_test_exit();
}
