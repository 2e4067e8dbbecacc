/* sample.c — bilinear sampling of fields at points (see sample.h). Weights and the four
 * indices are computed once per point. */
#include "post/sample.h"
#include <math.h>
#include <stdlib.h>

typedef struct {
  size_t q[4];   /* f00, f10, f01, f11 */
  double w[4];
} point;

struct post_sampler {
  int npts;
  point *p;
};

post_sampler *post_sampler_create(int npts, const double *fi, const double *fj, int nx, int ny, size_t off, size_t ld,
                                  tf_err *err)
{
  if (npts < 0 || nx < 2 || ny < 2) {
    tf_err_set(err, TF_EINVAL, "post_sampler_create: expected >= 0 points on a grid of >= 2 x 2 cells, found %d on %d x %d",
               npts, nx, ny);
    return NULL;
  }
  post_sampler *s = tf_calloc(1, sizeof *s, err);
  if (!s) return NULL;
  s->npts = npts;
  s->p = tf_calloc((size_t)(npts ? npts : 1), sizeof *s->p, err);
  if (!s->p) {
    post_sampler_destroy(&s);
    return NULL;
  }
  for (int k = 0; k < npts; k++) {
    int i0 = (int)floor(fi[k]), j0 = (int)floor(fj[k]);
    if (i0 >= nx - 1) i0 = nx - 2;
    if (j0 >= ny - 1) j0 = ny - 2;
    if (i0 < 0) i0 = 0;
    if (j0 < 0) j0 = 0;
    double a = fi[k] - i0, b = fj[k] - j0;
    size_t q00 = off + (size_t)i0 + (size_t)j0 * ld;
    s->p[k] = (point){.q = {q00, q00 + 1, q00 + ld, q00 + ld + 1},
                      .w = {(1 - a) * (1 - b), a * (1 - b), (1 - a) * b, a * b}};
  }
  return s;
}

void post_sampler_destroy(post_sampler **ps)
{
  if (!ps || !*ps) return;
  free((*ps)->p);
  free(*ps);
  *ps = NULL;
}

int post_sampler_npts(const post_sampler *s) { return s->npts; }

double post_sample(const post_sampler *s, int k, const double *f)
{
  const point *p = &s->p[k];
  return p->w[0] * f[p->q[0]] + p->w[1] * f[p->q[1]] + p->w[2] * f[p->q[2]] + p->w[3] * f[p->q[3]];
}
