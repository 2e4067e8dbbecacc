/* test_chem_robertson.c — the Robertson stiff kinetics problem (Robertson 1966; Hairer &
 * Wanner, "Solving ODEs II", 1996, sect. IV.1), written as a KPP .eqn and integrated by
 * each Rosenbrock method from t = 0 through t = 0.4, 4, ..., 4e10.
 * Reference: the SUNDIALS answer file for this problem (idaRoberts_dns.out, IDA run with
 * rtol = 1e-4, atol = 1e-8, 1e-6, 1e-6; cvRoberts_dns prints the same values to its
 * precision), compared as SUNDIALS does, with a weighted RMS norm: the error weight of
 * component i is 1/(1e-4 |y_ref,i| + atol_i) with the answer file's own tolerances, so
 * WRMS <= 2 means "agrees within the accuracy the reference was computed to" (IDA's own
 * global error is ~1.5x its tolerance at t = 4e2 .. 4e5: all four methods here agree
 * with each other to 1e-6 there and deviate from the file in the same way).
 * High-accuracy references: y(40) of Hairer & Wanner (1996, sect. IV.10 / IV.1 test
 * problem) = (0.7158270687193941, 0.9185534764557195e-5, 0.2841637457458413) and y(1e11)
 * of the "Test Set for IVP Solvers" (Mazzia & Magherini, Univ. Bari, problem ROBER) =
 * (0.2083340149701255e-7, 0.8333360770334713e-13, 0.9999999791665050); checked with
 * the solver's own tolerance: |y - y_ref| <= 10 (rtol |y_ref| + atol_i), i.e. a global
 * error within ten times the local error tolerance (rtol 1e-6, atol 1e-10, 1e-14, 1e-10). */
#include "chem_test_util.h"

#include <string.h>

static const double tout[12] = {0.4, 4, 40, 4e2, 4e3, 4e4, 4e5, 4e6, 4e7, 4e8, 4e9, 4e10};
static const double yref[12][3] = {
    {9.8517e-01, 3.3864e-05, 1.4794e-02}, {9.0553e-01, 2.2406e-05, 9.4452e-02},
    {7.1579e-01, 9.1838e-06, 2.8420e-01}, {4.5044e-01, 3.2218e-06, 5.4956e-01},
    {1.8320e-01, 8.9444e-07, 8.1680e-01}, {3.8992e-02, 1.6221e-07, 9.6101e-01},
    {4.9369e-03, 1.9842e-08, 9.9506e-01}, {5.1674e-04, 2.0684e-09, 9.9948e-01},
    {5.2009e-05, 2.0805e-10, 9.9995e-01}, {5.2012e-06, 2.0805e-11, 9.9999e-01},
    {5.1850e-07, 2.0740e-12, 1.0000e+00}, {4.8641e-08, 1.9456e-13, 1.0000e+00}};
static const double ref_atol[3] = {1e-8, 1e-6, 1e-6};
static const double y40[3] = {0.7158270687193941, 0.9185534764557195e-5, 0.2841637457458413};
static const double y1e11[3] = {0.2083340149701255e-7, 0.8333360770334713e-13, 0.9999999791665050};

int main(void)
{
  char path[1024];
  tf_source_path("tests/model/chem/data/robertson.eqn", path, sizeof path);
  chem_mech *m = load_mech(path);
  TF_EXPECT(m != NULL);
  if (!m) return tf_test_exit();
  int iy[3] = {chem_mech_find(m, "Y1"), chem_mech_find(m, "Y2"), chem_mech_find(m, "Y3")};
  chem_env env = {0};
  for (int meth = 0; meth < CHEM_NMETHODS; meth++) {
    chem_opts o;
    chem_opts_default(&o);
    o.method = meth;
    o.rtol = 1e-6;
    double atol_spec[3];
    for (int i = 0; i < 3; i++) atol_spec[iy[i]] = 1e-10 * (i == 1 ? 1e-4 : 1.0);
    o.atol_spec = atol_spec;
    tf_err err = {0};
    chem_solver *s = chem_solver_create(m, &o, &err);
    TF_EXPECT_MSG(s != NULL, "%s", err.msg);
    if (!s) continue;
    double conc[3];
    init_conc(m, conc, 1);
    double t = 0, worst = 0, mass_err = 0, at40[3] = {0};
    chem_stats st = {0};
    int ok = 1;
    for (int k = 0; k < 12; k++) {
      if (chem_integrate(s, conc, 1, &env, tout[k] - t, &st, &err)) {
        fprintf(stderr, "%s: %s\n", chem_method_name(meth), err.msg);
        ok = 0;
        break;
      }
      t = tout[k];
      if (k == 2) memcpy(at40, conc, sizeof at40);
      double w = 0;
      for (int i = 0; i < 3; i++) {
        double e = (conc[iy[i]] - yref[k][i]) / (1e-4 * fabs(yref[k][i]) + ref_atol[i]);
        w += e * e;
      }
      w = sqrt(w / 3);
      if (w > worst) worst = w;
      double mass = conc[iy[0]] + conc[iy[1]] + conc[iy[2]];
      if (fabs(mass - 1) > mass_err) mass_err = fabs(mass - 1);
      if (meth == CHEM_RODAS3)
        printf("t=%-8.1e y = %.5e %.5e %.5e  (ref %.4e %.4e %.4e) wrms=%.3f\n", t, conc[iy[0]],
               conc[iy[1]], conc[iy[2]], yref[k][0], yref[k][1], yref[k][2], w);
    }
    /* continue to 1e11 for the Test Set reference */
    if (ok && chem_integrate(s, conc, 1, &env, 1e11 - t, &st, &err)) ok = 0;
    TF_EXPECT(ok);
    char name[96];
    for (int i = 0; i < 3; i++) {
      snprintf(name, sizeof name, "robertson_%s_y%d_t40_vs_HairerWanner", chem_method_name(meth), i + 1);
      tf_check(name, at40[iy[i]], y40[i], 10 * (o.rtol * y40[i] + atol_spec[iy[i]]));
      snprintf(name, sizeof name, "robertson_%s_y%d_t1e11_vs_IVPtestset", chem_method_name(meth), i + 1);
      tf_check(name, conc[iy[i]], y1e11[i], 10 * (o.rtol * y1e11[i] + atol_spec[iy[i]]));
    }

    snprintf(name, sizeof name, "robertson_%s_wrms_vs_idaRoberts_dns", chem_method_name(meth));
    tf_check_le(name, worst, 2.0);
    snprintf(name, sizeof name, "robertson_%s_mass_conservation", chem_method_name(meth));
    tf_check_le(name, mass_err, 1e-9);
    printf("%s: steps %ld accepted %ld rejected %ld fun %ld jac %ld decomp %ld clips %ld\n",
           chem_method_name(meth), st.nstep, st.naccept, st.nreject, st.nfun, st.njac, st.ndecomp,
           st.nclip);
    chem_solver_destroy(&s);
  }
  /* a non-finite input fails fast, naming the cell and species */
  {
    chem_opts o;
    chem_opts_default(&o);
    tf_err err = {0};
    chem_solver *s = chem_solver_create(m, &o, &err);
    double conc[6] = {1, 1, 0, 0, 0, 0}; /* 2 cells: [spec][cell] */
    conc[iy[1] * 2 + 1] = NAN;
    int rc = chem_integrate(s, conc, 2, &env, 1.0, NULL, &err);
    printf("non-finite input -> %s\n", err.msg);
    TF_EXPECT(rc == TF_ENUMERIC && strstr(err.msg, "cell 1") && strstr(err.msg, "Y2"));
    chem_solver_destroy(&s);
    /* invalid options are rejected with the option named */
    o.rtol = -1;
    TF_EXPECT(chem_solver_create(m, &o, &err) == NULL && strstr(err.msg, "rtol"));
    chem_opts_default(&o);
    o.batch = 1000;
    TF_EXPECT(chem_solver_create(m, &o, &err) == NULL && strstr(err.msg, "batch"));
  }
  chem_mech_destroy(&m);
  return tf_test_exit();
}
