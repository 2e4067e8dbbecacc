/* op_surface.h — emission and dry-deposition operators of the forecast run.
 *
 * emissions: at each step, rates at the step mid-point (temporal profiles, plume rise,
 *   biogenic light and temperature at met_mid); elevated layers (k >= 2) are added to the
 *   state directly (dt x tendency, air mass of met_t0), layer 1 goes to run->sflux_ppb_ms
 *   as the lower boundary flux of vertical mixing (or, without vertical mixing, is added
 *   to layer 1 directly). The emitted moles are accounted for the budget.
 * deposition: run->vd_ms from the Wesely (1989) resistances at met_mid; consumed by
 *   vertical mixing as the bottom flux -v_d C1. */
#ifndef TF_OP_SURFACE_H
#define TF_OP_SURFACE_H
#include "model/driver/driver.h"
#include "model/surface/drydep.h"
#include "model/surface/emissions.h"
#include "model/surface/wetdep.h"

/* emis is borrowed (owned by the caller, must outlive the op). with_vmix = 1 when a
 * vertical-mixing operator follows and consumes run->sflux_ppb_ms. */
int op_emis_create(emis_ctx *emis, int with_vmix, drv_op *op, tf_err *err);
int op_dep_create(dep_ctx *dep, drv_op *op, tf_err *err);
/* Wet scavenging of soluble gases by precipitation (model/surface/wetdep.h) over the
 * step with met_t0; removed moles per species accumulate in removed_mol[nspec]
 * (borrowed, the caller zeroes it). */
int op_wet_create(wet_ctx *wet, double *removed_mol, drv_op *op, tf_err *err);
#endif
