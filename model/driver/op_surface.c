/* op_surface.c — see op_surface.h. */
#include "model/driver/op_surface.h"
#include <stdlib.h>
#include <string.h>

/* One emission context per member (driver.h MEMBERS): member m's emissions go into its
 * view of the state, its slice of the surface flux and its budget channel, with exactly
 * the calls of a one-member run. */
typedef struct {
  int n;
  emis_ctx **e;
} op_emis;

static int emis_step(void *self, drv_ctx *run, double t0, double dt, tf_err *err)
{
  op_emis *o = self;
  const int want = drv_product_wanted(run, DRV_SURFACE_FLUX);
  for (int m = 0; m < o->n; m++) {
    emis_ctx *e = o->e[m];
    tf_state st = drv_member_state(run, m);
    int rc = emis_update(e, drv_met_mid(run), t0 + 0.5 * dt, err);
    if (rc) return o->n > 1 ? tf_err_prefix(err, "member %d", m) : rc;
    double *sflux = drv_member_product(run, DRV_SURFACE_FLUX, m);
    if (want) {
      emis_apply(e, drv_met_t0(run), &st, dt, 1);
      emis_surface_flux(e, drv_met_t0(run), sflux);
    } else {
      emis_apply(e, drv_met_t0(run), &st, dt, 0);
      memset(sflux, 0, sizeof(double) * (size_t)st.nspec * drv_grid(run)->n2);
    }
    emis_account(e, dt, drv_member_channel(run, m, DRV_BUD_EMITTED));
  }
  return TF_OK;
}

static void emis_op_destroy(void *self)
{
  op_emis *o = self;
  for (int m = 0; o && m < o->n; m++) emis_destroy(&o->e[m]);
  if (o) free(o->e);
  free(o);
}

drv_op *op_emis_members_add(drv_ctx *d, int n, emis_ctx **emis, tf_err *err)
{
  op_emis *o = tf_calloc(1, sizeof *o, err);
  emis_ctx **e = tf_calloc((size_t)(n > 0 ? n : 1), sizeof *e, err);
  if (!o || !e || n != drv_nmember(d)) {
    for (int m = 0; m < n; m++) emis_destroy(&emis[m]);
    free(o);
    free(e);
    if (!err->code) tf_err_set(err, TF_EINTERNAL, "%d emission contexts for %d members", n, drv_nmember(d));
    return NULL;
  }
  for (int m = 0; m < n; m++) e[m] = emis[m];
  *o = (op_emis){.n = n, .e = e};
  return drv_add_op(d, &(drv_op_def){.name = "emissions", .self = o, .step = emis_step, .destroy = emis_op_destroy,
                                     .produces = DRV_PRODUCT(DRV_SURFACE_FLUX)}, err);
}

drv_op *op_emis_add(drv_ctx *d, emis_ctx *emis, tf_err *err) { return op_emis_members_add(d, 1, &emis, err); }

static int dep_step(void *self, drv_ctx *run, double t0, double dt, tf_err *err)
{
  (void)t0; (void)dt;
  /* emission-independent: computed once, copied to every member's slice */
  double *vd = drv_member_product(run, DRV_DEP_VELOCITY, 0);
  int rc = dep_velocity((dep_ctx *)self, drv_met_mid(run), vd, err);
  size_t len = (size_t)drv_member_nspec(run) * drv_grid(run)->n2;
  for (int m = 1; !rc && m < drv_nmember(run); m++) memcpy(drv_member_product(run, DRV_DEP_VELOCITY, m), vd, len * sizeof *vd);
  return rc;
}

static void dep_op_destroy(void *self)
{
  dep_ctx *p = self;
  dep_destroy(&p);
}

drv_op *op_dep_add(drv_ctx *d, dep_ctx *dep, tf_err *err)
{
  return drv_add_op(d, &(drv_op_def){.name = "deposition", .self = dep, .step = dep_step, .destroy = dep_op_destroy,
                                     .produces = DRV_PRODUCT(DRV_DEP_VELOCITY)}, err);
}

static int wet_step(void *self, drv_ctx *run, double t0, double dt, tf_err *err)
{
  (void)t0; (void)err;
  /* met_t0: the air mass the state is on before advection, as for the budget */
  for (int m = 0; m < drv_nmember(run); m++) {
    tf_state st = drv_member_state(run, m);
    wet_apply((wet_ctx *)self, drv_met_t0(run), &st, dt, drv_member_channel(run, m, DRV_BUD_WET_DEP));
  }
  return TF_OK;
}

static void wet_op_destroy(void *self)
{
  wet_ctx *w = self;
  wet_destroy(&w);
}

drv_op *op_wet_add(drv_ctx *d, wet_ctx *wet, tf_err *err)
{
  return drv_add_op(d, &(drv_op_def){.name = "wet scavenging", .self = wet, .step = wet_step, .destroy = wet_op_destroy},
                    err);
}
