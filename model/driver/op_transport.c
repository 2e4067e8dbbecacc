/* op_transport.c — see op_transport.h. */
#include "model/driver/op_transport.h"
#include <stdlib.h>

typedef struct {
  adv_ctx *a;
  adv_budget *b;
  const bcon_ctx *bcon;
  op_lateral_fn lateral;   /* optional provider over the profiles */
  void *lateral_user;
} op_adv;
typedef struct { vdiff_ctx *v; vdiff_budget *b; int with_dep; } op_vmix;

static int adv_op_step(void *self, drv_ctx *run, double t0, double dt, tf_err *err)
{
  op_adv *o = self;
  bcon_fill_lateral(o->bcon, run->met_t0, run->st);
  if (o->lateral) {
    int rc = o->lateral(o->lateral_user, t0, run->st, err);
    if (rc) return rc;
  }
  return adv_step(o->a, run->st, run->met_t0, run->met_t1, dt, NULL, o->b, err);
}

void op_adv_set_lateral(drv_op *op, op_lateral_fn fill, void *user)
{
  op_adv *o = op->self;
  o->lateral = fill;
  o->lateral_user = user;
}

static void adv_op_destroy(void *self)
{
  op_adv *o = self;
  adv_destroy(&o->a);
  adv_budget_destroy(&o->b);
  free(o);
}

int op_adv_create(const tf_grid *g, int nspec, const bcon_ctx *bcon, drv_op *op, tf_err *err)
{
  op_adv *o = tf_calloc(1, sizeof *o, err);
  if (!o) return err->code;
  o->bcon = bcon;
  o->a = adv_create(g, nspec, err);
  if (o->a) o->b = adv_budget_create(nspec, err);
  if (!o->a || !o->b || adv_set_bc_halo(o->a, 1, err)) {
    adv_op_destroy(o);
    return err->code;
  }
  op->name = "advection";
  op->self = o;
  op->step = adv_op_step;
  op->destroy = adv_op_destroy;
  return TF_OK;
}

static int vmix_op_step(void *self, drv_ctx *run, double t0, double dt, tf_err *err)
{
  (void)t0;
  op_vmix *o = self;
  return vdiff_step(o->v, run->st, run->met_t0, dt, run->sflux_ppb_ms, o->with_dep ? run->vd_ms : NULL, o->b, err);
}

static void vmix_op_destroy(void *self)
{
  op_vmix *o = self;
  vdiff_destroy(&o->v);
  vdiff_budget_destroy(&o->b);
  free(o);
}

int op_vmix_create(const tf_grid *g, int nspec, int acm2, int with_dep, drv_op *op, tf_err *err)
{
  op_vmix *o = tf_calloc(1, sizeof *o, err);
  if (!o) return err->code;
  o->with_dep = with_dep;
  o->v = vdiff_create(g, nspec, acm2 ? VDIFF_ACM2 : VDIFF_KZ, err);
  if (o->v) o->b = vdiff_budget_create(nspec, err);
  if (!o->v || !o->b) {
    vmix_op_destroy(o);
    return err->code;
  }
  op->name = "vertical mixing";
  op->self = o;
  op->step = vmix_op_step;
  op->destroy = vmix_op_destroy;
  return TF_OK;
}

adv_budget *op_adv_budget(const drv_op *op) { return ((op_adv *)op->self)->b; }
vdiff_budget *op_vmix_budget(const drv_op *op) { return ((op_vmix *)op->self)->b; }
adv_ctx *op_adv_ctx(const drv_op *op) { return ((op_adv *)op->self)->a; }
