/* sample.h — values of gridded fields at points (city seats, later monitoring stations):
 * bilinear interpolation between the four surrounding cell centres (post/ layer: plain
 * arrays, no grid).
 *
 * A point is given by fractional cell indices (fi, fj) on an nx x ny grid of cell centres
 * (0 = the first centre); the field value of cell (i, j) is field[off + i + j*ld] (e.g. a
 * model field with a halo: off = halo*ld + halo). Points within half a cell of the edge
 * are extrapolated from the edge pair of cells, as the city table always did: weights stay
 * those of the nearest 2 x 2 block with fi, fj clamped into it. The value is
 *   (1-a)(1-b) f00 + a(1-b) f10 + (1-a)b f01 + ab f11, a = fi - i0, b = fj - j0. */
#ifndef TF_POST_SAMPLE_H
#define TF_POST_SAMPLE_H
#include <stddef.h>
#include "model/core/tf_error.h"

typedef struct post_sampler post_sampler;

/* npts points (fi[k], fj[k]); nx, ny >= 2. */
post_sampler *post_sampler_create(int npts, const double *fi, const double *fj, int nx, int ny, size_t off, size_t ld,
                                  tf_err *err);
void post_sampler_destroy(post_sampler **s);
int post_sampler_npts(const post_sampler *s);
/* Value of field at point k. */
double post_sample(const post_sampler *s, int k, const double *field);
#endif
