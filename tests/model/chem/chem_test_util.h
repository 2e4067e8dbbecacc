/* chem_test_util.h — helpers shared by the chemistry tests: load a mechanism file into
 * a compiled mechanism, KPP's normalised sunlight function, and the KPP-style driver
 * loop (rates updated at the start of each operator step). */
#ifndef CHEM_TEST_UTIL_H
#define CHEM_TEST_UTIL_H
#include "io/kpp/kpp_parse.h"
#include "model/chem/rosenbrock.h"
#include "model/core/tf_const.h"
#include "tf_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Compile the desc kpp_load / kpp_load_string returned (rc), reporting errors. */
static inline chem_mech *compile_loaded(const char *name, int rc, chem_desc *d, tf_err *err)
{
  if (rc) {
    fprintf(stderr, "load %s: %s\n", name, err->msg);
    return NULL;
  }
  chem_mech *m = chem_mech_create(d, err);
  if (!m) fprintf(stderr, "compile %s: %s\n", name, err->msg);
  chem_desc_destroy(&d);
  return m;
}

static inline chem_mech *load_mech(const char *path)
{
  chem_desc *d = NULL;
  tf_err err = {0};
  int rc = kpp_load(path, &d, &err);
  return compile_loaded(path, rc, d, &err);
}

/* A mechanism file of the source tree, path relative to it. */
static inline chem_mech *load_source_mech(const char *rel)
{
  char path[1024];
  tf_source_path(rel, path, sizeof path);
  return load_mech(path);
}

/* A mechanism from KPP text in memory. */
static inline chem_mech *load_mech_text(const char *name, const char *text)
{
  chem_desc *d = NULL;
  tf_err err = {0};
  int rc = kpp_load_string(name, text, &d, &err);
  return compile_loaded(name, rc, d, &err);
}

/* KPP util/UpdateSun.c: SUN = (1 + cos(pi*x))/2 between 4.5 h and 19.5 h local time,
 * x = (2 t - rise - set)/(set - rise) squared with its sign kept; 0 at night. */
static inline double kpp_sun(double t_s)
{
  const double rise = 4.5, set = 19.5;
  double th = t_s / 3600.0;
  double tl = th - floor(th / 24.0) * 24.0;
  if (tl < rise || tl > set) return 0.0;
  double x = (2.0 * tl - rise - set) / (set - rise);
  x = x > 0 ? x * x : -x * x;
  return (1.0 + cos(TF_PI * x)) / 2.0;
}

/* Fill conc[nspec][n] with the mechanism's #INITVALUES (molec/cm3). */
static inline void init_conc(const chem_mech *m, double *conc, int n)
{
  int ns = chem_mech_nspec(m);
  for (int i = 0; i < ns; i++) {
    double v = 0;
    chem_mech_init_value(m, i, &v);
    for (int c = 0; c < n; c++) conc[(size_t)i * n + c] = v;
  }
}
#endif
