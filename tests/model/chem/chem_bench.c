/* chem_bench.c — throughput of chem_integrate: N cells of a KPP mechanism integrated over
 * H hours in 1-hour calls (as a CTM with a 1-h chemistry step would), cells differing in
 * temperature (285-305 K), local time (SUN from KPP util/UpdateSun) and initial
 * concentrations (x0.5..x2 of #INITVALUES). Prints microseconds per cell-hour.
 *   chem_bench [mechanism.def|default] [ncells=1024] [hours=24] [method=rodas3] [rtol=1e-3]
 *              [batch=32] [call_s=3600]
 * atol = 1e-3 ppb (1e-12 M with M from CFACTOR*1e6 when the mechanism is in ppm-based
 * units as saprc99, else 2.46e19); photolysis J(name) rates, if any, are set to
 * 1e-4 s-1 * SUN (8e-3 s-1 * SUN for J(NO2)) — a timing stand-in, not a photolysis model.
 * Threads: OMP_NUM_THREADS. Per-cell step sizes are carried between calls
 * (chem_env.hnext_s) unless CHEM_BENCH_NO_CARRY is set. */
#include "chem_test_util.h"

#include <string.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif

int main(int argc, char **argv)
{
  char def[1024];
  const char *path = argc > 1 && strcmp(argv[1], "default") != 0
                         ? argv[1]
                         : tf_test_data("kpp-mechanisms/saprc99.def", def, sizeof def);
  if (!path) return tf_test_exit();
  FILE *probe = fopen(path, "r");
  if (!probe) return tf_test_skip("mechanism file absent");
  fclose(probe);
  int n = argc > 2 ? atoi(argv[2]) : 1024;
  double hours = argc > 3 ? atof(argv[3]) : 24;
  int method = argc > 4 ? chem_method_lookup(argv[4]) : CHEM_RODAS3;
  double rtol = argc > 5 ? atof(argv[5]) : 1e-3;
  int batch = argc > 6 ? atoi(argv[6]) : 32;
  double call_s = argc > 7 ? atof(argv[7]) : 3600.0; /* chemistry call length (operator step) */
  if (!(call_s > 0) || call_s > 3600) call_s = 3600.0;
  chem_mech *m = load_mech(path);
  if (!m || method < 0 || n < 1) return 1;
  int ns = chem_mech_nspec(m), np = chem_mech_nphot(m);
  double *conc = malloc((size_t)ns * n * sizeof *conc);
  double *T = malloc((size_t)n * sizeof *T), *sun = malloc((size_t)n * sizeof *sun);
  double *M = malloc((size_t)n * sizeof *M), *H2O = malloc((size_t)n * sizeof *H2O);
  double *jbuf = malloc((size_t)(np ? np : 1) * n * sizeof *jbuf);
  const double **jr = malloc((size_t)(np ? np : 1) * sizeof *jr);
  double cf = chem_mech_cfactor(m), Mair = cf > 1e3 ? 1e6 * cf : 2.46e19;
  init_conc(m, conc, n);
  for (int c = 0; c < n; c++) {
    double u = (c * 0.618033988749895) - floor(c * 0.618033988749895); /* low-discrepancy 0..1 */
    T[c] = 285 + 20 * u;
    M[c] = Mair;
    H2O[c] = 0.01 * Mair;
    for (int i = 0; i < ns; i++)
      if (!chem_mech_is_fixed(m, i)) conc[(size_t)i * n + c] *= 0.5 + 1.5 * u;
  }
  for (int k = 0; k < np; k++) jr[k] = jbuf + (size_t)k * n;
  double *hnext = calloc((size_t)n, sizeof *hnext);
  int carry = getenv("CHEM_BENCH_NO_CARRY") == NULL;
  chem_env env = {.hnext_s = carry ? hnext : NULL, .temp_k = T, .m_molec_cm3 = M, .h2o = H2O, .o2 = NULL, .n2 = NULL, .sun = sun, .jrate = np ? jr : NULL};
  double *o2 = malloc((size_t)n * sizeof *o2), *n2 = malloc((size_t)n * sizeof *n2);
  for (int c = 0; c < n; c++) {
    o2[c] = 0.2095 * M[c];
    n2[c] = 0.7808 * M[c];
  }
  env.o2 = o2;
  env.n2 = n2;
  chem_opts o;
  chem_opts_default(&o);
  o.method = method;
  o.rtol = rtol;
  o.atol = 1e-12;
  o.atol_mixing_ratio = 1;
  o.batch = batch;
  tf_err err = {0};
  chem_solver *s = chem_solver_create(m, &o, &err);
  if (!s) {
    fprintf(stderr, "%s\n", err.msg);
    return 1;
  }
  chem_stats st = {0};
  double wall = 0, cpu = 0;
  int nh = (int)hours;
  for (int h = 0; h < nh; h++) {
    for (int c = 0; c < n; c++) {
      double u = (c * 0.618033988749895) - floor(c * 0.618033988749895);
      sun[c] = kpp_sun((6 + h) * 3600.0 + u * 6 * 3600.0);
      for (int k = 0; k < np; k++)
        jbuf[(size_t)k * n + c] = (strcmp(chem_mech_phot_name(m, k), "NO2") == 0 ? 8e-3 : 1e-4) * sun[c];
    }
    struct timespec a, b, ca, cb;
    clock_gettime(CLOCK_MONOTONIC, &a);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ca);
    for (double tc = 0; tc < 3600.0 - 1e-6; tc += call_s)
      if (chem_integrate(s, conc, n, &env, call_s, &st, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
      }
    clock_gettime(CLOCK_MONOTONIC, &b);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cb);
    wall += (b.tv_sec - a.tv_sec) + 1e-9 * (b.tv_nsec - a.tv_nsec);
    cpu += (cb.tv_sec - ca.tv_sec) + 1e-9 * (cb.tv_nsec - ca.tv_nsec);
  }
  int nthr = 1;
#ifdef _OPENMP
  nthr = omp_get_max_threads();
#endif
  chem_sparsity sp;
  chem_mech_sparsity(m, &sp);
  printf("mechanism %s: %d species (%d variable), %d reactions; Jacobian nnz %d, LU nnz %d "
         "(natural order %d), %d LU ops\n",
         path, ns, sp.nvar, chem_mech_nreact(m), sp.nnz_jac, sp.nnz_lu, sp.nnz_lu_natural, sp.n_lu_ops);
  printf("%.0f-s calls%s: ", call_s, carry ? " (step size carried over)" : "");
  printf("%s rtol %g atol 1e-3 ppb, batch %d, %d thread(s), %d cells x %d h: wall %.3f s, "
         "%.2f us per cell-hour (CPU time %.2f us per cell-hour); per cell-hour: %.1f steps, "
         "%.2f rejected, %.1f clips\n",
         chem_method_name(method), rtol, batch, nthr, n, nh, wall, 1e6 * wall / ((double)n * nh),
         1e6 * cpu / ((double)n * nh),
         (double)st.nstep / ((double)n * nh), (double)st.nreject / ((double)n * nh),
         (double)st.nclip / ((double)n * nh));
  chem_solver_destroy(&s);
  chem_mech_destroy(&m);
  free(conc); free(T); free(sun); free(M); free(H2O); free(jbuf); free(jr); free(o2); free(n2); free(hnext);
  return 0;
}
