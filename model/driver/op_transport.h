/* op_transport.h — transport operators of the forecast run.
 * advection: mass-consistent 3-D PPM (model/transport/advection.h) from met_t0 to met_t1;
 *   lateral inflow values are the state's halo cells outside the domain, filled before
 *   every step from the boundary profiles at each boundary column's own layer heights
 *   (bcon_fill_lateral with met_t0) — a function of the met and time only, so restarts
 *   are exact. A lateral provider (op_adv_set_lateral; e.g. a parent run's fields read by
 *   the front end and blended in time, bcon_blend_lateral) then overwrites the halo cells
 *   of the species it knows at the step's start time t0; it must depend only on t0 (and
 *   its input), never on the run's history, to keep restarts exact.
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
/* Lateral provider: fill the halo cells outside the domain of st at time t (s since
 * epoch), after the profiles; may fail with a message (e.g. the file does not cover t). */
typedef int (*op_lateral_fn)(void *user, double t, tf_state *st, tf_err *err);
/* Install (fill != NULL) or remove (NULL) the provider of an advection operator from
 * op_adv_create; user is the caller's, not owned. */
void op_adv_set_lateral(drv_op *op, op_lateral_fn fill, void *user);
int op_vmix_create(const tf_grid *g, int nspec, int acm2, int with_dep, drv_op *op, tf_err *err);
/* Budgets accumulated since the last zeroing (the caller zeroes them each hour). */
adv_budget *op_adv_budget(const drv_op *op);
vdiff_budget *op_vmix_budget(const drv_op *op);
adv_ctx *op_adv_ctx(const drv_op *op);
#endif
