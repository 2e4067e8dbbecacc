/* op_transport.h — transport operators of the forecast run.
 * advection: mass-consistent 3-D PPM (model/transport/advection.h) from met_t0 to met_t1;
 *   lateral inflow values are the state's halo cells outside the domain, filled before
 *   every step from the boundary profiles at each boundary column's own layer heights
 *   (bcon_fill_lateral with met_t0) — a function of the met and time only, so restarts
 *   are exact.
 * vertical mixing: implicit Kz or ACM2 (model/transport/vdiff.h) over the step with
 *   met_t0 (the air mass the state is on before advection), the emission surface flux
 *   run->sflux_ppb_ms and, when deposition is on, run->vd_ms as the bottom boundary. */
#ifndef TF_OP_TRANSPORT_H
#define TF_OP_TRANSPORT_H
#include "model/driver/driver.h"
#include "model/transport/advection.h"
#include "model/transport/vdiff.h"
#include "model/surface/bcon.h"

int op_adv_create(const tf_grid *g, int nspec, const bcon_ctx *bcon, drv_op *op, tf_err *err);
int op_vmix_create(const tf_grid *g, int nspec, int acm2, int with_dep, drv_op *op, tf_err *err);
/* Budgets accumulated since the last zeroing (the caller zeroes them each hour). */
adv_budget *op_adv_budget(const drv_op *op);
vdiff_budget *op_vmix_budget(const drv_op *op);
adv_ctx *op_adv_ctx(const drv_op *op);
#endif
