/* op_surface.c — see op_surface.h. */
#include "model/driver/op_surface.h"
#include <stdlib.h>
#include <string.h>

static int emis_step(void *self, drv_ctx *run, double t0, double dt, tf_err *err)
{
  emis_ctx *e = self;
  tf_state *st = drv_state(run);
  int rc = emis_update(e, drv_met_mid(run), t0 + 0.5 * dt, err);
  if (rc) return rc;
  double *sflux = drv_product_array(run, DRV_SURFACE_FLUX);
  if (drv_product_wanted(run, DRV_SURFACE_FLUX)) {
    emis_apply(e, drv_met_t0(run), st, dt, 1);
    emis_surface_flux(e, drv_met_t0(run), sflux);
  } else {
    emis_apply(e, drv_met_t0(run), st, dt, 0);
    memset(sflux, 0, sizeof(double) * (size_t)st->nspec * drv_grid(run)->n2);
  }
  emis_account(e, dt, drv_budget_channel(run, DRV_BUD_EMITTED));
  return TF_OK;
}

static void emis_op_destroy(void *self)
{
  emis_ctx *e = self;
  emis_destroy(&e);
}

drv_op *op_emis_add(drv_ctx *d, emis_ctx *emis, tf_err *err)
{
  return drv_add_op(d, &(drv_op_def){.name = "emissions", .self = emis, .step = emis_step, .destroy = emis_op_destroy,
                                     .produces = DRV_PRODUCT(DRV_SURFACE_FLUX)}, err);
}

static int dep_step(void *self, drv_ctx *run, double t0, double dt, tf_err *err)
{
  (void)t0; (void)dt;
  return dep_velocity((dep_ctx *)self, drv_met_mid(run), drv_product_array(run, DRV_DEP_VELOCITY), err);
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
  wet_apply((wet_ctx *)self, drv_met_t0(run), drv_state(run), dt, drv_budget_channel(run, DRV_BUD_WET_DEP));
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
