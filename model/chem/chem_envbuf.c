/* chem_envbuf.c — see chem_envbuf.h. */
#include "model/chem/chem_envbuf.h"
#include <stdlib.h>
#include <string.h>

int chem_envbuf_init(chem_envbuf *b, long n, int nphot, tf_err *err)
{
  memset(b, 0, sizeof *b);
  b->n = n;
  b->nphot = nphot;
  size_t sn = (size_t)(n > 0 ? n : 1), np = (size_t)(nphot > 0 ? nphot : 1);
  double **arr[] = {&b->temp_k, &b->m, &b->o2, &b->n2, &b->h2o, &b->sun};
  for (size_t a = 0; a < sizeof arr / sizeof arr[0]; a++)
    if (!(*arr[a] = tf_calloc(sn, sizeof(double), err))) goto fail;
  if (!(b->jbuf = tf_calloc(sn * np, sizeof(double), err))) goto fail;
  if (!(b->jrow = tf_calloc(np, sizeof *b->jrow, err))) goto fail;
  if (!(b->hnext = tf_calloc(sn, sizeof(double), err))) goto fail;
  if (!(b->coszen = tf_calloc(sn, sizeof(double), err))) goto fail;
  for (int k = 0; k < nphot; k++) b->jrow[k] = b->jbuf + (size_t)k * sn;
  b->env = (chem_env){.temp_k = b->temp_k, .m_molec_cm3 = b->m, .o2 = b->o2, .n2 = b->n2, .h2o = b->h2o,
                      .sun = b->sun, .jrate = b->jrow, .hnext_s = b->hnext};
  return TF_OK;
fail:
  chem_envbuf_free(b);
  return TF_ENOMEM;
}

void chem_envbuf_free(chem_envbuf *b)
{
  free(b->temp_k); free(b->m); free(b->o2); free(b->n2); free(b->h2o);
  free(b->sun); free(b->coszen); free(b->jbuf); free(b->hnext); free((void *)b->jrow);
  memset(b, 0, sizeof *b);
}
