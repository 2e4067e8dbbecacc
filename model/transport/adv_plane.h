/* adv_plane.h — 2-D split PPM advection on a plain uniform plane (no WRF met needed).
 *
 * What the validation tests run (LeVeque swirl, solid-body rotation, constancy in a
 * divergent flow) and what documents the splitting the 3-D operator uses. Arrays are
 * row-major, i fastest: q[j*nx + i]. Face fluxes for ONE full step:
 *   fx[j*(nx+1) + i]  west face i of row j (i = 0..nx),
 *   fy[j*nx + i]      south face j of column i (j = 0..ny).
 * Volume form (m == NULL): fluxes are signed Courant numbers u dt/dx, v dt/dy, q is
 * updated as in docs/physics-references.md §1.3 (the [S] tables). Mass form (m != NULL): m is the
 * cell air mass, fluxes are air masses crossing the face per step; m is advanced with
 * the same fluxes and q = (m q)/m, so q == 1 stays 1 exactly (ppm.h).
 * Splitting: Strang, X(dt/2) Y(dt) X(dt/2). */
#ifndef TF_ADV_PLANE_H
#define TF_ADV_PLANE_H
#include "model/core/tf_error.h"

enum {
  ADV_PLANE_PERIODIC = 0, /* doubly periodic */
  ADV_PLANE_ZEROGRAD = 1, /* ghost cells copy the edge cell (outflow and inflow) */
  ADV_PLANE_ZEROIN = 2    /* inflow faces bring q = 0, outflow zero-gradient */
};
enum { ADV_PLANE_PPM = 0, ADV_PLANE_DONOR = 1 };

typedef struct adv_plane adv_plane;

adv_plane *adv_plane_create(int nx, int ny, int bc, int scheme, tf_err *err);
void adv_plane_destroy(adv_plane **p);
/* One Strang-split step (see above). m may be NULL (volume form). Returns TF_OK, or
 * TF_ENUMERIC if a sampled Courant fraction exceeded 1 (fluxes too large). */
int adv_plane_step(adv_plane *p, double *q, double *m, const double *fx, const double *fy,
                   tf_err *err);
/* One 1-D sweep along x (dir 0) or y (dir 1) with the fluxes scaled by frac. */
int adv_plane_sweep(adv_plane *p, int dir, double *q, double *m, const double *flux,
                    double frac, tf_err *err);
#endif
