/* op_surface.c — see op_surface.h. */
#include "model/driver/op_surface.h"
#include <stdlib.h>
#include <string.h>

typedef struct { emis_ctx *e; int with_vmix; } op_emis;

static int emis_step(void *self, drv_ctx *run, double t0, double dt, tf_err *err)
{
  op_emis *o = self;
  int rc = emis_update(o->e, run->met_mid, t0 + 0.5 * dt, err);
  if (rc) return rc;
  if (o->with_vmix) {
    emis_apply(o->e, run->met_t0, run->st, dt, 1);
    emis_surface_flux(o->e, run->met_t0, run->sflux_ppb_ms);
  } else {
    emis_apply(o->e, run->met_t0, run->st, dt, 0);
    memset(run->sflux_ppb_ms, 0, sizeof(double) * (size_t)run->st->nspec * run->g->n2);
  }
  emis_account(o->e, dt);
  return TF_OK;
}

int op_emis_create(emis_ctx *emis, int with_vmix, drv_op *op, tf_err *err)
{
  op_emis *o = tf_calloc(1, sizeof *o, err);
  if (!o) return err->code;
  o->e = emis;
  o->with_vmix = with_vmix;
  op->name = "emissions";
  op->self = o;
  op->step = emis_step;
  op->destroy = free;
  return TF_OK;
}

static int dep_step(void *self, drv_ctx *run, double t0, double dt, tf_err *err)
{
  (void)t0; (void)dt;
  return dep_velocity((dep_ctx *)self, run->met_mid, run->vd_ms, err);
}

int op_dep_create(dep_ctx *dep, drv_op *op, tf_err *err)
{
  (void)err;
  op->name = "deposition";
  op->self = dep;
  op->step = dep_step;
  op->destroy = NULL;
  return TF_OK;
}

typedef struct { wet_ctx *w; double *removed; } op_wet;

static int wet_step(void *self, drv_ctx *run, double t0, double dt, tf_err *err)
{
  (void)t0; (void)err;
  op_wet *o = self;
  /* met_t0: the air mass the state is on before advection, as for the budget */
  wet_apply(o->w, run->met_t0, run->st, dt, o->removed);
  return TF_OK;
}

int op_wet_create(wet_ctx *wet, double *removed_mol, drv_op *op, tf_err *err)
{
  op_wet *o = tf_calloc(1, sizeof *o, err);
  if (!o) return err->code;
  o->w = wet;
  o->removed = removed_mol;
  op->name = "wet scavenging";
  op->self = o;
  op->step = wet_step;
  op->destroy = free;
  return TF_OK;
}
