/* op_surface.h — emission, dry-deposition and wet-scavenging operators of the forecast run.
 *
 * emissions: at each step, rates at the step mid-point (temporal profiles, plume rise,
 *   biogenic light and temperature at met_mid); elevated layers (k >= 2) are added to the
 *   state directly (dt x tendency, air mass of met_t0). Layer 1 is PRODUCED as
 *   DRV_SURFACE_FLUX, the lower boundary flux of vertical mixing, when a later operator
 *   wants it; otherwise it is added to layer 1 directly. Reports DRV_BUD_EMITTED.
 * deposition: PRODUCES DRV_DEP_VELOCITY from the Wesely (1989) resistances at met_mid;
 *   vertical mixing applies it as the bottom flux -v_d C1 (and reports DRV_BUD_DRY_DEP).
 * wet scavenging: removal of soluble gases by precipitation (model/surface/wetdep.h) over
 *   the step with met_t0; reports DRV_BUD_WET_DEP.
 * Each function adds the operator to run d, which takes ownership of the context (also
 * on failure: it is destroyed then), and returns its handle, or NULL with err set. */
#ifndef TF_OP_SURFACE_H
#define TF_OP_SURFACE_H
#include "model/driver/driver.h"
#include "model/surface/drydep.h"
#include "model/surface/emissions.h"
#include "model/surface/wetdep.h"

drv_op *op_emis_add(drv_ctx *d, emis_ctx *emis, tf_err *err);
/* Members (driver.h MEMBERS): emis[m] is member m's context (its own scaling rules);
 * n must equal drv_nmember(d). The run takes ownership of every context. The deposition
 * velocity is computed once and copied to every member; wet scavenging runs per member. */
drv_op *op_emis_members_add(drv_ctx *d, int n, emis_ctx **emis, tf_err *err);
drv_op *op_dep_add(drv_ctx *d, dep_ctx *dep, tf_err *err);
drv_op *op_wet_add(drv_ctx *d, wet_ctx *wet, tf_err *err);
#endif
