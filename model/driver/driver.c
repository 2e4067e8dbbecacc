/* driver.c — the operator-splitting time loop (see driver.h). */
#include "model/driver/driver.h"
#include "model/core/tf_time.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double wall_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

drv_ctx *drv_create(tf_grid *g, tf_state *st, double dt_s, tf_err *err)
{
  if (!(dt_s >= 1.0) || fmod(3600.0, dt_s) != 0.0) {
    tf_err_set(err, TF_EINVAL, "synchronisation step must divide the hour exactly, got %g s", dt_s);
    return NULL;
  }
  drv_ctx *d = tf_calloc(1, sizeof *d, err);
  if (!d) return NULL;
  d->g = g;
  d->st = st;
  d->dt = dt_s;
  d->ia = -1;
  d->frame_a = met_create(g, err);
  d->frame_b = met_create(g, err);
  d->met_t0 = met_create(g, err);
  d->met_t1 = met_create(g, err);
  d->met_mid = met_create(g, err);
  size_t ns = (size_t)st->nspec;
  d->sflux_ppb_ms = tf_calloc(ns * g->n2, sizeof(double), err);
  d->vd_ms = tf_calloc(ns * g->n2, sizeof(double), err);
  d->elev_ppb_s = tf_calloc(ns * g->n3, sizeof(double), err);
  if (!d->frame_a || !d->frame_b || !d->met_t0 || !d->met_t1 || !d->met_mid || !d->sflux_ppb_ms ||
      !d->vd_ms || !d->elev_ppb_s)
    drv_destroy(&d);
  return d;
}

void drv_destroy(drv_ctx **dp)
{
  if (!dp || !*dp) return;
  drv_ctx *d = *dp;
  for (int i = 0; i < d->nops; i++)
    if (d->ops[i].destroy) d->ops[i].destroy(d->ops[i].self);
  met_destroy(&d->frame_a); met_destroy(&d->frame_b);
  met_destroy(&d->met_t0); met_destroy(&d->met_t1); met_destroy(&d->met_mid);
  free(d->sflux_ppb_ms); free(d->vd_ms); free(d->elev_ppb_s);
  free(d);
  *dp = NULL;
}

int drv_add_op(drv_ctx *d, const drv_op *op, tf_err *err)
{
  if (d->nops >= DRV_MAX_OPS) return tf_err_set(err, TF_EINTERNAL, "too many operators (max %d)", DRV_MAX_OPS);
  d->ops[d->nops++] = *op;
  return TF_OK;
}

/* Make frames ia, ia+1 bracket t (frame_time(ia) <= t <= frame_time(ia+1)). Frames are
 * read forward only; reading frame ia+1 into frame_a's storage avoids re-reading. */
static int bracket(drv_ctx *d, const drv_hooks *h, double t, tf_err *err)
{
  if (h->nframes < 2) return tf_err_set(err, TF_EINVAL, "need at least two met frames, have %d", h->nframes);
  if (t < h->frame_time(h->user, 0) || t > h->frame_time(h->user, h->nframes - 1)) {
    return tf_err_set(err, TF_EINVAL, "model time %.0f s is outside the met period [%.0f, %.0f] s",
                      t, h->frame_time(h->user, 0), h->frame_time(h->user, h->nframes - 1));
  }
  /* keep the current interval when it contains t (no re-reading at its end point) */
  if (d->ia >= 0 && h->frame_time(h->user, d->ia) <= t && t <= h->frame_time(h->user, d->ia + 1)) return TF_OK;
  int want = 0;
  while (want + 2 < h->nframes && h->frame_time(h->user, want + 1) <= t) want++;
  /* at t equal to a frame time prefer the interval that starts there, except the last */
  if (want == d->ia) return TF_OK;
  int rc;
  if (d->ia >= 0 && want == d->ia + 1) {
    tf_met *tmp = d->frame_a;
    d->frame_a = d->frame_b;
    d->frame_b = tmp;
    rc = h->frame_read(h->user, want + 1, d->frame_b, err);
  } else {
    rc = h->frame_read(h->user, want, d->frame_a, err);
    if (!rc) rc = h->frame_read(h->user, want + 1, d->frame_b, err);
  }
  if (rc) return rc;
  d->ia = want;
  return TF_OK;
}

int drv_met_at(drv_ctx *d, const drv_hooks *h, double t, tf_met *out, tf_err *err)
{
  int rc = bracket(d, h, t, err);
  if (rc) return rc;
  double ta = h->frame_time(h->user, d->ia), tb = h->frame_time(h->user, d->ia + 1);
  met_interp(out, d->frame_a, d->frame_b, (t - ta) / (tb - ta));
  out->time_s = t;
  return TF_OK;
}

int drv_run(drv_ctx *d, const drv_hooks *h, double t_start, double t_end, tf_err *err)
{
  /* Integer step counting avoids drift of t over thousands of steps. */
  double span = t_end - t_start;
  long nsteps = lround(span / d->dt);
  if (nsteps < 1 || fabs(nsteps * d->dt - span) > 1e-6)
    return tf_err_set(err, TF_EINVAL, "run length %.0f s is not a positive multiple of the %.0f s step", span, d->dt);
  for (long n = 0; n < nsteps; n++) {
    double t0 = t_start + n * d->dt, t1 = t_start + (n + 1) * d->dt;
    d->t = t0;
    double w0 = wall_now();
    int rc = drv_met_at(d, h, t0, d->met_t0, err);
    if (!rc) rc = drv_met_at(d, h, t1, d->met_t1, err);
    if (!rc) rc = drv_met_at(d, h, 0.5 * (t0 + t1), d->met_mid, err);
    if (rc) return tf_err_prefix(err, "reading meteorology");
    d->met_wall_s += wall_now() - w0;
    for (int i = 0; i < d->nops; i++) {
      double wa = wall_now();
      rc = d->ops[i].step(d->ops[i].self, d, t0, d->dt, err);
      d->op_wall_s[i] += wall_now() - wa;
      if (rc) {
        char ts[32];
        tf_time_format(t0, ts, 0);
        return tf_err_prefix(err, "%s at %s", d->ops[i].name, ts);
      }
    }
    d->t = t1;
    d->nsteps++;
    int whole_hour = fmod(t1, 3600.0) == 0.0; /* clock hours, UTC */
    if (h->after_step) {
      rc = h->after_step(h->user, d, t1, whole_hour, err);
      if (rc) return rc;
    }
  }
  return TF_OK;
}
