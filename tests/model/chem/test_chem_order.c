/* test_chem_order.c — order of accuracy of each Rosenbrock method with fixed steps on a
 * smooth, mildly nonlinear, non-stiff problem (data/smooth.eqn). The error at t = 2 is
 * measured against a Rodas4 solution with 4096 steps; the observed order
 * log2(e(h)/e(h/2)) on the two finest pairs must be within +-0.3 of the nominal order
 * (Ros2: 2, Ros3: 3, Rodas3: 3, Rodas4: 4 — Sandu et al. 1997, Table 1; Hairer & Wanner
 * 1996, sect. IV.7). */
#include "chem_test_util.h"

#include <string.h>

static int run(const chem_mech *m, int method, int nsteps, double T, double *y)
{
  chem_opts o;
  chem_opts_default(&o);
  o.method = method;
  o.fixed_step = 1;
  o.hstart = T / nsteps;
  tf_err err = {0};
  chem_solver *s = chem_solver_create(m, &o, &err);
  if (!s) return -1;
  chem_env env = {0};
  y[chem_mech_find(m, "A")] = 1.0;
  y[chem_mech_find(m, "B")] = 0.2;
  y[chem_mech_find(m, "C")] = 0.0;
  int rc = chem_integrate(s, y, 1, &env, T, NULL, &err);
  if (rc) fprintf(stderr, "%s\n", err.msg);
  chem_solver_destroy(&s);
  return rc;
}

int main(void)
{
  char path[1024];
  tf_source_path("tests/model/chem/data/smooth.eqn", path, sizeof path);
  chem_mech *m = load_mech(path);
  TF_EXPECT(m != NULL);
  if (!m) return tf_test_exit();
  const double T = 2.0;
  double ref[3];
  TF_EXPECT(run(m, CHEM_RODAS4, 4096, T, ref) == 0);
  const int ns[4] = {16, 32, 64, 128};
  for (int meth = 0; meth < CHEM_NMETHODS; meth++) {
    double e[4];
    for (int k = 0; k < 4; k++) {
      double y[3];
      TF_EXPECT(run(m, meth, ns[k], T, y) == 0);
      e[k] = 0;
      for (int i = 0; i < 3; i++) e[k] = fmax(e[k], fabs(y[i] - ref[i]));
    }
    double p1 = log2(e[1] / e[2]), p2 = log2(e[2] / e[3]);
    printf("%s: errors %.3e %.3e %.3e %.3e  observed orders %.3f %.3f\n", chem_method_name(meth),
           e[0], e[1], e[2], e[3], log2(e[0] / e[1]), p1);
    char name[80];
    snprintf(name, sizeof name, "order_%s_n64_n128", chem_method_name(meth));
    tf_check(name, p2, chem_method_order(meth), 0.3);
    snprintf(name, sizeof name, "order_%s_n32_n64", chem_method_name(meth));
    tf_check(name, p1, chem_method_order(meth), 0.3);
  }
  chem_mech_destroy(&m);
  return tf_test_exit();
}
