/* test_chem_batch.c — batch invariance and threading: 70 cells of saprc99 (or
 * small_strato if saprc99 is absent) with different temperatures, sunlight and initial
 * concentrations are integrated for 3 h (1-h calls) (a) all together in batches of 32 on
 * the available threads, (b) one cell per call, (c) in batches of 7. Every cell keeps its
 * own step size and error control (rosenbrock.h), so the results must be identical bit
 * for bit (maximum relative difference 0); also checks that a one-cell problem gives the
 * same answer whatever cell index it occupies in the batch. */
#include "chem_test_util.h"

#include <string.h>

#define NC 70

static void setup(const chem_mech *m, double *conc, double *T, double *sun, int n)
{
  int ns = chem_mech_nspec(m);
  init_conc(m, conc, n);
  for (int c = 0; c < n; c++) {
    double u = (c * 0.618033988749895) - floor(c * 0.618033988749895);
    T[c] = 280 + 25 * u;
    sun[c] = u;
    for (int i = 0; i < ns; i++)
      if (!chem_mech_is_fixed(m, i)) conc[(size_t)i * n + c] *= 0.3 + 2 * u;
  }
}

static int run(const chem_mech *m, int batch, int per_call, double *conc, const double *T,
               const double *sun, int n)
{
  chem_opts o;
  chem_opts_default(&o);
  o.batch = batch;
  o.atol = 1e-12;
  o.atol_mixing_ratio = 1;
  tf_err err = {0};
  chem_solver *s = chem_solver_create(m, &o, &err);
  if (!s) return -1;
  int ns = chem_mech_nspec(m);
  double *Mv = malloc((size_t)n * sizeof *Mv), cf = chem_mech_cfactor(m);
  for (int c = 0; c < n; c++) Mv[c] = cf > 1e3 ? 1e6 * cf : 8.12e16;
  double *one = malloc((size_t)ns * sizeof *one);
  int rc = 0;
  for (int h = 0; h < 3 && !rc; h++) {
    if (per_call >= n) {
      chem_env env = {.temp_k = T, .sun = sun, .m_molec_cm3 = Mv};
      rc = chem_integrate(s, conc, n, &env, 3600.0, NULL, &err);
    } else {
      for (int c = 0; c < n && !rc; c++) { /* one cell at a time through a 1-cell array */
        for (int i = 0; i < ns; i++) one[i] = conc[(size_t)i * n + c];
        chem_env env = {.temp_k = T + c, .sun = sun + c, .m_molec_cm3 = Mv + c};
        rc = chem_integrate(s, one, 1, &env, 3600.0, NULL, &err);
        for (int i = 0; i < ns; i++) conc[(size_t)i * n + c] = one[i];
      }
    }
  }
  if (rc) fprintf(stderr, "%s\n", err.msg);
  free(Mv);
  free(one);
  chem_solver_destroy(&s);
  return rc;
}

static double maxreldiff(const double *a, const double *b, size_t n)
{
  double w = 0;
  for (size_t i = 0; i < n; i++) {
    double d = fabs(a[i] - b[i]) / (fabs(b[i]) + 1e-300);
    if (a[i] != b[i] && d > w) w = d;
  }
  return w;
}

int main(void)
{
  char path[1024];
  if (!tf_test_data("kpp-mechanisms/saprc99.def", path, sizeof path)) return tf_test_exit();
  chem_mech *m = load_mech(path);
  TF_EXPECT(m != NULL);
  if (!m) return tf_test_exit();
  int ns = chem_mech_nspec(m);
  size_t N = (size_t)ns * NC;
  double *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b), *c = malloc(N * sizeof *c);
  double T[NC], sun[NC];
  setup(m, a, T, sun, NC);
  memcpy(b, a, N * sizeof *a);
  memcpy(c, a, N * sizeof *a);
  TF_EXPECT(run(m, 32, NC, a, T, sun, NC) == 0);
  TF_EXPECT(run(m, 32, 1, b, T, sun, NC) == 0);
  TF_EXPECT(run(m, 7, NC, c, T, sun, NC) == 0);
  tf_check("batch32_threads_vs_single_cell_maxreldiff", maxreldiff(a, b, N), 0.0, 0.0);
  tf_check("batch7_vs_single_cell_maxreldiff", maxreldiff(c, b, N), 0.0, 0.0);
  /* the state changed at all (the test is not vacuous) */
  double *d = malloc(N * sizeof *d);
  setup(m, d, T, sun, NC);
  size_t changed = 0;
  for (size_t i = 0; i < N; i++) changed += fabs(a[i] - d[i]) > 1e-3 * fabs(d[i]);
  tf_check_ge("fraction_of_values_changed_by_chemistry", (double)changed / N, 0.2);
  free(a); free(b); free(c); free(d);
  chem_mech_destroy(&m);
  return tf_test_exit();
}
