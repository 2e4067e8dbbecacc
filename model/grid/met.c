/* met.c — allocation, copy and linear time interpolation of met snapshots.
 * Fields are described once in a table (member offset, size class) so that create,
 * destroy, copy and interpolation cannot disagree about which fields exist. */
#include "model/grid/met.h"
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum { SZ2, SZ3, SZW, SZU, SZV };
static const struct { size_t off; int sz; } fields[] = {
  {offsetof(tf_met, t_k), SZ3},       {offsetof(tf_met, p_pa), SZ3},
  {offsetof(tf_met, rho_kgm3), SZ3},  {offsetof(tf_met, qv_kgkg), SZ3},
  {offsetof(tf_met, zmid_m), SZ3},    {offsetof(tf_met, cldfra), SZ3},
  {offsetof(tf_met, zw_m), SZW},      {offsetof(tf_met, w_ms), SZW},
  {offsetof(tf_met, u_ms), SZU},      {offsetof(tf_met, v_ms), SZV},
  {offsetof(tf_met, mu_pa), SZ2},     {offsetof(tf_met, psfc_pa), SZ2},
  {offsetof(tf_met, pblh_m), SZ2},    {offsetof(tf_met, swdown_wm2), SZ2},
  {offsetof(tf_met, t2_k), SZ2},      {offsetof(tf_met, q2_kgkg), SZ2},
  {offsetof(tf_met, u10_ms), SZ2},    {offsetof(tf_met, v10_ms), SZ2},
  {offsetof(tf_met, ust_ms), SZ2},    {offsetof(tf_met, hfx_wm2), SZ2},
  {offsetof(tf_met, rain_mmh), SZ2},  {offsetof(tf_met, coszen), SZ2},
};
#define NFIELDS (sizeof fields / sizeof fields[0])

static size_t field_len(const tf_grid *g, int sz)
{
  switch (sz) {
  case SZ2: return g->n2;
  case SZ3: return g->n3;
  case SZW: return g->n2 * (size_t)(g->nz + 1);
  case SZU: return (size_t)(g->sx + 1) * (size_t)g->sy * (size_t)g->nz;
  default: return (size_t)g->sx * (size_t)(g->sy + 1) * (size_t)g->nz;
  }
}

static double **field_ptr(tf_met *m, size_t f) { return (double **)((char *)m + fields[f].off); }
static const double *field_cptr(const tf_met *m, size_t f)
{
  return *(double *const *)((const char *)m + fields[f].off);
}

tf_met *met_create(const tf_grid *g, tf_err *err)
{
  tf_met *m = tf_calloc(1, sizeof *m, err);
  if (!m) return NULL;
  m->g = g;
  for (size_t f = 0; f < NFIELDS; f++) {
    *field_ptr(m, f) = tf_calloc(field_len(g, fields[f].sz), sizeof(double), err);
    if (!*field_ptr(m, f)) {
      met_destroy(&m);
      return NULL;
    }
  }
  return m;
}

void met_destroy(tf_met **mp)
{
  if (!mp || !*mp) return;
  for (size_t f = 0; f < NFIELDS; f++) free(*field_ptr(*mp, f));
  free(*mp);
  *mp = NULL;
}

void met_copy(tf_met *dst, const tf_met *src)
{
  dst->time_s = src->time_s;
  for (size_t f = 0; f < NFIELDS; f++)
    memcpy(*field_ptr(dst, f), field_cptr(src, f), field_len(src->g, fields[f].sz) * sizeof(double));
}

void met_interp(tf_met *out, const tf_met *a, const tf_met *b, double w)
{
  out->time_s = (1.0 - w) * a->time_s + w * b->time_s;
  for (size_t f = 0; f < NFIELDS; f++) {
    double *o = *field_ptr(out, f);
    const double *x = field_cptr(a, f), *y = field_cptr(b, f);
    size_t n = field_len(a->g, fields[f].sz);
    for (size_t i = 0; i < n; i++) o[i] = (1.0 - w) * x[i] + w * y[i];
  }
}
