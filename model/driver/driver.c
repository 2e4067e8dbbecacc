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

struct drv_op {
  drv_op_def def;
  double wall_s;   /* accumulated wall time of its steps */
};

struct drv_ctx {
  tf_grid *g;
  tf_state *st;
  tf_met *frame_a, *frame_b;   /* bracketing met frames */
  int ia;                      /* index of frame_a (-1 before the first load) */
  double *ftime;               /* frame times from the hooks, nftime of them (for bracketing) */
  int nftime;
  tf_met *met_t0, *met_t1, *met_mid;
  double t;                    /* current model time, s since epoch */
  double dt;                   /* synchronisation step, s (divides 3600) */
  long nsteps;
  int nops;
  drv_op ops[DRV_MAX_OPS];
  double met_wall_s;           /* met reading + interpolation */
  double *product[DRV_NPRODUCTS]; /* [nspec][n2] each, allocated when produced */
  unsigned wanted;             /* products some operator consumes or uses */
  double *budget;              /* [DRV_BUD_NCHAN][nspec] mol */
  int nmember;                 /* members in the state (driver.h MEMBERS), >= 1 */
};

static const char *product_name[DRV_NPRODUCTS] = {
  [DRV_SURFACE_FLUX] = "the emission surface flux",
  [DRV_DEP_VELOCITY] = "the dry-deposition velocity",
};

drv_ctx *drv_create(tf_grid *g, tf_state *st, double dt_s, tf_err *err)
{
  if (!(dt_s >= 1.0) || fmod(3600.0, dt_s) != 0.0) {
    tf_err_set(err, TF_EINVAL, "synchronisation step must divide the hour exactly, got %g s", dt_s);
    return NULL;
  }
  drv_ctx *d = tf_calloc(1, sizeof *d, err);
  if (!d) return NULL;
  *d = (drv_ctx){.g = g, .st = st, .dt = dt_s, .ia = -1, .nmember = 1};
  d->frame_a = met_create(g, err);
  d->frame_b = met_create(g, err);
  d->met_t0 = met_create(g, err);
  d->met_t1 = met_create(g, err);
  d->met_mid = met_create(g, err);
  d->budget = tf_calloc((size_t)DRV_BUD_NCHAN * (size_t)(st->nspec > 0 ? st->nspec : 1), sizeof(double), err);
  if (!d->frame_a || !d->frame_b || !d->met_t0 || !d->met_t1 || !d->met_mid || !d->budget) drv_destroy(&d);
  return d;
}

void drv_destroy(drv_ctx **dp)
{
  if (!dp || !*dp) return;
  drv_ctx *d = *dp;
  for (int i = 0; i < d->nops; i++)
    if (d->ops[i].def.destroy) d->ops[i].def.destroy(d->ops[i].def.self);
  met_destroy(&d->frame_a); met_destroy(&d->frame_b);
  met_destroy(&d->met_t0); met_destroy(&d->met_t1); met_destroy(&d->met_mid);
  for (int p = 0; p < DRV_NPRODUCTS; p++) free(d->product[p]);
  free(d->budget);
  free(d->ftime);
  free(d);
  *dp = NULL;
}

drv_op *drv_add_op(drv_ctx *d, const drv_op_def *def, tf_err *err)
{
  const unsigned all = (1u << DRV_NPRODUCTS) - 1u;
  int rc = TF_OK;
  if (d->nops >= DRV_MAX_OPS) rc = tf_err_set(err, TF_EINTERNAL, "too many operators (max %d)", DRV_MAX_OPS);
  else if ((def->produces | def->consumes | def->uses) & ~all)
    rc = tf_err_set(err, TF_EINTERNAL, "operator '%s' declares an unknown product", def->name);
  for (int p = 0; !rc && p < DRV_NPRODUCTS; p++) {
    unsigned bit = DRV_PRODUCT(p);
    if ((def->consumes & bit) && !d->product[p])
      rc = tf_err_set(err, TF_EINTERNAL, "operator '%s' needs %s, which no earlier operator produces", def->name,
                      product_name[p]);
    else if ((def->produces & bit) && d->product[p])
      rc = tf_err_set(err, TF_EINTERNAL, "operator '%s' produces %s, which an earlier operator already produces",
                      def->name, product_name[p]);
    else if ((def->produces & bit) && !(d->product[p] = tf_calloc((size_t)d->st->nspec * d->g->n2, sizeof(double), err)))
      rc = err->code;
  }
  if (rc) {
    if (def->destroy) def->destroy(def->self);
    return NULL;
  }
  d->wanted |= def->consumes | def->uses;
  drv_op *op = &d->ops[d->nops++];
  *op = (drv_op){.def = *def};
  return op;
}

int drv_set_members(drv_ctx *d, int nmember, tf_err *err)
{
  if (d->nops > 0) return tf_err_set(err, TF_EINTERNAL, "drv_set_members after operators were added");
  if (nmember < 1 || d->st->nspec % nmember != 0)
    return tf_err_set(err, TF_EINTERNAL, "%d members do not divide the state's %d species", nmember, d->st->nspec);
  d->nmember = nmember;
  return TF_OK;
}
int drv_nmember(const drv_ctx *d) { return d->nmember; }
int drv_member_nspec(const drv_ctx *d) { return d->st->nspec / d->nmember; }

tf_state drv_member_state(drv_ctx *d, int m)
{
  const int ns = drv_member_nspec(d);
  if (m < 0 || m >= d->nmember) abort(); /* impossible in correct code */
  return (tf_state){.g = d->st->g, .nspec = ns, .names = d->st->names + (size_t)m * (size_t)ns,
                    .c = d->st->c + (size_t)m * (size_t)ns * d->g->n3};
}

double *drv_member_product(drv_ctx *d, drv_product p, int m)
{
  double *a = drv_product_array(d, p);
  return a ? a + (size_t)m * (size_t)drv_member_nspec(d) * d->g->n2 : NULL;
}

double *drv_member_channel(drv_ctx *d, int m, drv_budget_chan c)
{
  return drv_budget_channel(d, c) + (size_t)m * (size_t)drv_member_nspec(d);
}

void drv_budget_zero_member(drv_ctx *d, int m)
{
  for (int c = 0; c < DRV_BUD_NCHAN; c++)
    memset(drv_member_channel(d, m, (drv_budget_chan)c), 0, (size_t)drv_member_nspec(d) * sizeof(double));
}

int drv_nops(const drv_ctx *d) { return d->nops; }
drv_op *drv_op_at(const drv_ctx *d, int i) { return i >= 0 && i < d->nops ? (drv_op *)&d->ops[i] : NULL; }
const char *drv_op_name(const drv_op *op) { return op->def.name; }
void *drv_op_self(const drv_op *op) { return op->def.self; }
double drv_op_wall_s(const drv_op *op) { return op->wall_s; }
double drv_met_wall_s(const drv_ctx *d) { return d->met_wall_s; }
long drv_nsteps(const drv_ctx *d) { return d->nsteps; }
const tf_grid *drv_grid(const drv_ctx *d) { return d->g; }
tf_state *drv_state(drv_ctx *d) { return d->st; }
double drv_dt(const drv_ctx *d) { return d->dt; }
const tf_met *drv_met_t0(const drv_ctx *d) { return d->met_t0; }
const tf_met *drv_met_t1(const drv_ctx *d) { return d->met_t1; }
const tf_met *drv_met_mid(const drv_ctx *d) { return d->met_mid; }
double *drv_product_array(drv_ctx *d, drv_product p) { return p >= 0 && p < DRV_NPRODUCTS ? d->product[p] : NULL; }
int drv_product_wanted(const drv_ctx *d, drv_product p) { return p >= 0 && p < DRV_NPRODUCTS && (d->wanted & DRV_PRODUCT(p)); }

double *drv_budget_channel(drv_ctx *d, drv_budget_chan c)
{
  if (c < 0 || c >= DRV_BUD_NCHAN) abort(); /* impossible in correct code */
  return d->budget + (size_t)c * (size_t)d->st->nspec;
}
const double *drv_budget_read(const drv_ctx *d, drv_budget_chan c) { return drv_budget_channel((drv_ctx *)d, c); }
void drv_budget_zero(drv_ctx *d) { memset(d->budget, 0, (size_t)DRV_BUD_NCHAN * (size_t)d->st->nspec * sizeof(double)); }

/* Make frames ia, ia+1 bracket t (frame_time(ia) <= t <= frame_time(ia+1)). Frames are
 * read forward only; reading frame ia+1 into frame_a's storage avoids re-reading. */
static int bracket(drv_ctx *d, const drv_hooks *h, double t, tf_err *err)
{
  const int n = h->nframes;
  if (n < 2) return tf_err_set(err, TF_EINVAL, "need at least two met frames, have %d", n);
  if (d->nftime != n) {
    double *ft = realloc(d->ftime, (size_t)n * sizeof *ft);
    if (!ft) return tf_err_set(err, TF_ENOMEM, "out of memory for %d met frame times", n);
    for (int k = 0; k < n; k++) ft[k] = h->frame_time(h->user, k);
    d->ftime = ft;
    d->nftime = n;
  }
  int want;
  double w;
  if (tf_time_bracket(d->ftime, n, t, &want, &w, err)) return tf_err_prefix(err, "met frames");
  /* keep the current interval when it contains t (no re-reading at its end point) */
  if (d->ia >= 0 && d->ftime[d->ia] <= t && t <= d->ftime[d->ia + 1]) return TF_OK;
  /* at t equal to a frame time prefer the interval that starts there, except the last */
  if (want > n - 2) want = n - 2;
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
      drv_op *op = &d->ops[i];
      rc = op->def.step(op->def.self, d, t0, d->dt, err);
      op->wall_s += wall_now() - wa;
      if (rc) {
        char ts[32];
        tf_time_format(t0, ts, 0);
        return tf_err_prefix(err, "%s at %s", op->def.name, ts);
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
