/* test_chem_kppmech.c — the KPP 3 distribution mechanisms small_strato and saprc99
 * (tests/data/kpp-mechanisms, loaded unchanged) integrated as KPP's own driver does
 * (KPP 3 drv/general: operator steps DT with SUN from util/UpdateSun and rate constants
 * updated at the start of each step; TSTART, DT and TEMP from the files' #INLINE F90_INIT
 * blocks, which the loader skips, so they are restated here: small_strato TEMP = 270 K,
 * DT = 15 min; saprc99 TEMP = 300 K, DT = 1 h; both start at 12:00).
 * Every method at Tianfu's default tolerances (run.ini: rtol 1e-3, atol 1e-3 ppb, i.e.
 * atol = 1e-12 M molec/cm3) must agree with a Rodas4 rtol 1e-10 reference within its
 * tolerance: at every output time and for every species
 * |y - y_ref| <= 10 (atol + rtol |y_ref|) (global error within ten times the local
 * tolerance), and stay finite and non-negative. Rodas3 is also run with its step size
 * carried from call to call (chem_env.hnext_s) under the same check. */
#include "chem_test_util.h"

#include <string.h>
#include <time.h>

typedef struct run_cfg {
  const char *file;
  double temp, dt, hours;
  double m_air; /* molec/cm3, for atol = 1e-3 ppb */
} run_cfg;

/* Integrate one cell; out[nout][nspec] collects the state after each operator step.
 * Returns 0 on success; *secs gets the wall time of the integration calls. */
static int run(const chem_mech *m, const run_cfg *cf, int method, double rtol, double atol,
               int carry, double *out, chem_stats *st, double *secs)
{
  chem_opts o;
  chem_opts_default(&o);
  o.method = method;
  o.rtol = rtol;
  o.atol = atol;
  tf_err err = {0};
  chem_solver *s = chem_solver_create(m, &o, &err);
  if (!s) return -1;
  int ns = chem_mech_nspec(m), nout = (int)(cf->hours * 3600 / cf->dt + 0.5);
  double *c = malloc((size_t)ns * sizeof *c);
  init_conc(m, c, 1);
  double T = cf->temp, sun = 0;
  double hnext = 0;
  chem_env env = {.temp_k = &T, .sun = &sun, .hnext_s = carry ? &hnext : NULL};
  double t0 = 12 * 3600.0, wall = 0;
  int rc = 0;
  for (int k = 0; k < nout && !rc; k++) {
    sun = kpp_sun(t0 + k * cf->dt);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    rc = chem_integrate(s, c, 1, &env, cf->dt, st, &err);
    clock_gettime(CLOCK_MONOTONIC, &b);
    wall += (b.tv_sec - a.tv_sec) + 1e-9 * (b.tv_nsec - a.tv_nsec);
    memcpy(out + (size_t)k * ns, c, (size_t)ns * sizeof *c);
  }
  if (rc) fprintf(stderr, "%s: %s\n", chem_method_name(method), err.msg);
  *secs = wall;
  free(c);
  chem_solver_destroy(&s);
  return rc;
}

static void check_mech(const run_cfg *cf, const char *tag)
{
  char path[1024];
  if (!tf_test_data(cf->file, path, sizeof path)) return;
  chem_mech *m = load_mech(path);
  TF_EXPECT(m != NULL);
  if (!m) return;
  int ns = chem_mech_nspec(m), nout = (int)(cf->hours * 3600 / cf->dt + 0.5);
  double *ref = malloc((size_t)ns * nout * sizeof *ref), *y = malloc((size_t)ns * nout * sizeof *y);
  chem_stats st = {0};
  double secs;
  TF_EXPECT(run(m, cf, CHEM_RODAS4, 1e-10, 1e-6, 0, ref, &st, &secs) == 0);
  printf("%s reference (rodas4, rtol 1e-10): %ld steps, %.3f s\n", tag, st.naccept, secs);
  int io3 = chem_mech_find(m, "O3");
  for (int mc = 0; mc < CHEM_NMETHODS + 1; mc++) {
    /* the extra last run: Rodas3 with the step size carried between calls */
    int meth = mc < CHEM_NMETHODS ? mc : CHEM_RODAS3, carry = mc == CHEM_NMETHODS;
    const double rtol = 1e-3, atol = 1e-12 * cf->m_air;
    memset(&st, 0, sizeof st);
    int rc = run(m, cf, meth, rtol, atol, carry, y, &st, &secs);
    TF_EXPECT(rc == 0);
    double worst = 0, minv = 0;
    int bad_finite = 0, wi = 0, wk = 0;
    for (int k = 0; k < nout; k++)
      for (int i = 0; i < ns; i++) {
        double v = y[(size_t)k * ns + i], r = ref[(size_t)k * ns + i];
        if (!isfinite(v)) bad_finite++;
        if (v < minv) minv = v;
        double e = fabs(v - r) / (atol + rtol * fabs(r));
        if (e > worst) {
          worst = e;
          wi = i;
          wk = k;
        }
      }
    char name[96], mname[40];
    snprintf(mname, sizeof mname, "%s%s", chem_method_name(meth), carry ? "_carry_h" : "");
    printf("%s %s: %ld steps (%ld rejected, %ld clips), %.2f ms, worst species %s at output %d (%.4e vs %.4e); final O3 %.6e (ref %.6e)\n",
           tag, mname, st.nstep, st.nreject, st.nclip, 1e3 * secs, chem_mech_spec_name(m, wi), wk,
           y[(size_t)wk * ns + wi], ref[(size_t)wk * ns + wi],
           y[(size_t)(nout - 1) * ns + io3], ref[(size_t)(nout - 1) * ns + io3]);
    snprintf(name, sizeof name, "%s_%s_err_over_tol_vs_rodas4_1e-10", tag, mname);
    tf_check_le(name, worst, 10.0);
    snprintf(name, sizeof name, "%s_%s_nonfinite_values", tag, mname);
    tf_check(name, bad_finite, 0, 0);
    snprintf(name, sizeof name, "%s_%s_min_conc", tag, mname);
    tf_check_ge(name, minv, 0.0);
    /* small_strato: NO + NO2 is a linear invariant (R8-R10 only interconvert them), which
     * Rosenbrock methods preserve to round-off (Sandu et al. 1997, sect. 2). Clipping a
     * negative value to zero (rosenbrock.h policy) adds mass: each clipped value passed
     * the error test, so it is at most sqrt(nvar) (atol + rtol max|y|) in magnitude. */
    int ino = chem_mech_find(m, "NO"), ino2 = chem_mech_find(m, "NO2");
    if (strcmp(tag, "small_strato") == 0 && ino >= 0 && ino2 >= 0) {
      double nox0 = 0, drift = 0, v0, v1;
      chem_mech_init_value(m, ino, &v0);
      chem_mech_init_value(m, ino2, &v1);
      nox0 = v0 + v1;
      for (int k = 0; k < nout; k++) {
        double nox = y[(size_t)k * ns + ino] + y[(size_t)k * ns + ino2];
        drift = fmax(drift, fabs(nox - nox0) / nox0);
      }
      double noxmax = 0;
      for (int k = 0; k < nout; k++)
        noxmax = fmax(noxmax, y[(size_t)k * ns + ino] + y[(size_t)k * ns + ino2]);
      double bound = 1e-12 + st.nclip * sqrt((double)chem_mech_nvar(m)) * (atol + rtol * noxmax) / nox0;
      snprintf(name, sizeof name, "%s_%s_NOx_invariant_rel_drift_%ld_clips", tag, mname, st.nclip);
      tf_check_le(name, drift, bound);
    }
  }
  free(ref);
  free(y);
  chem_mech_destroy(&m);
}

int main(void)
{
  const run_cfg strato = {.file = "kpp-mechanisms/small_strato.def", .temp = 270.0, .dt = 900.0, .hours = 24.0,
                          .m_air = 8.120E+16};
  const run_cfg saprc = {.file = "kpp-mechanisms/saprc99.def", .temp = 300.0, .dt = 3600.0, .hours = 120.0,
                         .m_air = 1e6 * 2.4476e+13};
  check_mech(&strato, "small_strato");
  check_mech(&saprc, "saprc99");
  return tf_test_exit();
}
