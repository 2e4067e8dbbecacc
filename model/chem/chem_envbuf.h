/* chem_envbuf.h — storage behind a chem_env for n cells: the per-cell arrays a chem_env
 * points to (temperature, air, O2, N2, H2O, SUN, cos zenith, photolysis rates, carried
 * solver step sizes), allocated once and bound to `env`. Shared by the forecast's
 * chemistry operator, the box model and the chemistry benchmark so that all three feed
 * the solver the same way.
 *
 * Units: temp_k K; m, o2, n2, h2o molec/cm3; sun and coszen dimensionless; jbuf s-1,
 * laid out [nphot][n] with jrow[k] = jbuf + k*n; hnext s (start at 0). */
#ifndef CHEM_ENVBUF_H
#define CHEM_ENVBUF_H
#include "model/chem/mechanism.h"
#include "model/core/tf_const.h"

typedef struct chem_envbuf {
  long n;
  int nphot;
  double *temp_k, *m, *o2, *n2, *h2o, *sun, *coszen, *jbuf, *hnext;
  const double **jrow;
  chem_env env;            /* points into the arrays above */
} chem_envbuf;

/* Allocate zeroed arrays for n cells and nphot photolysis rates and bind env. */
int chem_envbuf_init(chem_envbuf *b, long n, int nphot, tf_err *err);
void chem_envbuf_free(chem_envbuf *b);

/* Air of cell i: temperature (K), air number density M and water (molec/cm3); O2 and N2
 * are the background volume fractions of tf_const.h times M. */
static inline void chem_envbuf_set_air(chem_envbuf *b, long i, double t_k, double m, double h2o)
{
  b->temp_k[i] = t_k;
  b->m[i] = m;
  b->o2[i] = TF_VMR_O2 * m;
  b->n2[i] = TF_VMR_N2 * m;
  b->h2o[i] = h2o;
}
#endif
