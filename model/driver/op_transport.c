/* op_transport.c — see op_transport.h. */
#include "model/driver/op_transport.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
  adv_ctx *a;
  adv_budget *b;           /* this step's boundary fluxes, reported to the run */
  const bcon_ctx *bcon;
  op_lateral_fn lateral;   /* optional provider over the profiles */
  void *lateral_user;
} op_adv;

typedef struct {
  vdiff_ctx *v;
  vdiff_budget b;          /* dep_mol points at the run's DRV_BUD_DRY_DEP during a step */
} op_vmix;

static int adv_op_step(void *self, drv_ctx *run, double t0, double dt, tf_err *err)
{
  op_adv *o = self;
  tf_state *st = drv_state(run);
  /* inflow values per member (each member's view has the species the profiles know);
   * the sweeps then move every member's species with one plan and one set of fluxes */
  for (int m = 0; m < drv_nmember(run); m++) {
    tf_state mst = drv_member_state(run, m);
    bcon_fill_lateral(o->bcon, drv_met_t0(run), &mst);
    if (o->lateral) {
      int rc = o->lateral(o->lateral_user, t0, &mst, err);
      if (rc) return rc;
    }
  }
  adv_budget_zero(o->b);
  int rc = adv_step(o->a, st, drv_met_t0(run), drv_met_t1(run), dt, NULL, o->b, err);
  if (rc) return rc;
  static const drv_budget_chan side[ADV_NSIDE] = {
    [ADV_WEST] = DRV_BUD_IN_WEST, [ADV_EAST] = DRV_BUD_IN_EAST, [ADV_SOUTH] = DRV_BUD_IN_SOUTH,
    [ADV_NORTH] = DRV_BUD_IN_NORTH, [ADV_TOP] = DRV_BUD_IN_TOP};
  for (int k = 0; k < ADV_NSIDE; k++) {
    double *in = drv_budget_channel(run, side[k]);
    for (int s = 0; s < st->nspec; s++) in[s] += o->b->in_mol[(size_t)s * ADV_NSIDE + k];
  }
  return TF_OK;
}

static void adv_op_destroy(void *self)
{
  op_adv *o = self;
  adv_destroy(&o->a);
  adv_budget_destroy(&o->b);
  free(o);
}

drv_op *op_adv_add(drv_ctx *d, const bcon_ctx *bcon, op_lateral_fn lateral, void *user, tf_err *err)
{
  op_adv *o = tf_calloc(1, sizeof *o, err);
  if (!o) return NULL;
  *o = (op_adv){.bcon = bcon, .lateral = lateral, .lateral_user = user};
  int nspec = drv_state(d)->nspec;
  o->a = adv_create(drv_grid(d), nspec, err);
  if (o->a) o->b = adv_budget_create(nspec, err);
  if (!o->a || !o->b || adv_set_bc_halo(o->a, 1, err)) {
    adv_op_destroy(o);
    return NULL;
  }
  return drv_add_op(d, &(drv_op_def){.name = "advection", .self = o, .step = adv_op_step, .destroy = adv_op_destroy}, err);
}

static int vmix_op_step(void *self, drv_ctx *run, double t0, double dt, tf_err *err)
{
  (void)t0;
  op_vmix *o = self;
  tf_state *st = drv_state(run);
  /* deposition goes straight into the run's budget; the surface emission is counted by the
   * emission operator, so vdiff's own count is scratch */
  memset(o->b.emis_mol, 0, (size_t)st->nspec * sizeof(double));
  o->b.dep_mol = drv_budget_channel(run, DRV_BUD_DRY_DEP);
  int rc = vdiff_step(o->v, st, drv_met_t0(run), dt, drv_product_array(run, DRV_SURFACE_FLUX),
                      drv_product_array(run, DRV_DEP_VELOCITY), &o->b, err);
  o->b.dep_mol = NULL;
  return rc;
}

static void vmix_op_destroy(void *self)
{
  op_vmix *o = self;
  vdiff_destroy(&o->v);
  free(o->b.emis_mol);
  free(o);
}

drv_op *op_vmix_add(drv_ctx *d, int acm2, tf_err *err)
{
  op_vmix *o = tf_calloc(1, sizeof *o, err);
  if (!o) return NULL;
  int nspec = drv_state(d)->nspec;
  o->b = (vdiff_budget){.nspec = nspec, .emis_mol = tf_calloc((size_t)(nspec > 0 ? nspec : 1), sizeof(double), err)};
  o->v = vdiff_create(drv_grid(d), nspec, acm2 ? VDIFF_ACM2 : VDIFF_KZ, err);
  if (!o->v || !o->b.emis_mol) {
    vmix_op_destroy(o);
    return NULL;
  }
  return drv_add_op(d, &(drv_op_def){.name = "vertical mixing", .self = o, .step = vmix_op_step,
                                     .destroy = vmix_op_destroy, .consumes = DRV_PRODUCT(DRV_SURFACE_FLUX),
                                     .uses = DRV_PRODUCT(DRV_DEP_VELOCITY)}, err);
}

adv_ctx *op_adv_ctx(const drv_op *op) { return ((op_adv *)drv_op_self(op))->a; }
