/* op_transport.h — transport operators of the forecast run.
 * advection: mass-consistent 3-D PPM (model/transport/advection.h) from met_t0 to met_t1;
 *   lateral inflow values are the state's halo cells outside the domain, filled before
 *   every step from the boundary profiles at each boundary column's own layer heights
 *   (bcon_fill_lateral with met_t0) — a function of the met and time only, so restarts
 *   are exact. An optional lateral provider (e.g. a parent run's fields read by the front
 *   end and blended in time, bcon_blend_lateral) then overwrites the halo cells of the
 *   species it knows at the step's start time t0; it must depend only on t0 (and its
 *   input), never on the run's history, to keep restarts exact. Reports what entered
 *   through each side and the lid (DRV_BUD_IN_WEST .. DRV_BUD_IN_TOP).
 * vertical mixing: implicit Kz or ACM2 (model/transport/vdiff.h) over the step with
 *   met_t0 (the air mass the state is on before advection). CONSUMES the emission surface
 *   flux (DRV_SURFACE_FLUX) and USES the deposition velocity (DRV_DEP_VELOCITY) as the
 *   bottom boundary when a deposition operator produces it; reports DRV_BUD_DRY_DEP.
 * Members (driver.h MEMBERS): both operators work on the whole state — every member's
 *   species in one call, so the sub-step plan, face fluxes and vertical mass fluxes of
 *   advection and the Kz/ACM2 coefficients and column factorisations of vertical mixing
 *   are computed once per step for all members; the lateral inflow is filled per member.
 * Each function adds the operator to run d and returns its handle, or NULL with err set. */
#ifndef TF_OP_TRANSPORT_H
#define TF_OP_TRANSPORT_H
#include "model/driver/driver.h"
#include "model/surface/bcon.h"
#include "model/transport/advection.h"
#include "model/transport/vdiff.h"

/* Lateral provider: fill the halo cells outside the domain of st at time t (s since
 * epoch), after the profiles; may fail with a message (e.g. the file does not cover t). */
typedef int (*op_lateral_fn)(void *user, double t, tf_state *st, tf_err *err);

/* bcon is borrowed; lateral may be NULL (profiles only), user is the caller's. */
drv_op *op_adv_add(drv_ctx *d, const bcon_ctx *bcon, op_lateral_fn lateral, void *user, tf_err *err);
drv_op *op_vmix_add(drv_ctx *d, int acm2, tf_err *err);
/* The advection context of an operator from op_adv_add (sweep parity for restarts). */
adv_ctx *op_adv_ctx(const drv_op *op);
#endif
