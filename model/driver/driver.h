/* driver.h — the time loop: operator splitting over synchronisation steps, met time
 * interpolation, hourly and restart hooks.
 *
 * Operators plug in as drv_op objects (name + step function); the driver knows none of
 * them. Splitting: sequential (Lie) splitting of the operators in the order they were
 * added, over synchronisation steps dt that divide the hour, as CMAQ does (Byun & Schere
 * 2006, Appl. Mech. Rev. 59, 51: vdiff -> advection -> chemistry). Tianfu's order, set up by
 * the front end (see README "Operator splitting"):
 *   1. emissions   (gridded + point sources with plume rise + biogenic -> surface flux and
 *                   elevated tendencies for this step)
 *   2. dry deposition velocities for this step
 *   3. vertical mixing (surface emission flux and deposition as the bottom boundary flux,
 *                   elevated emissions added as sources)
 *   4. horizontal and vertical advection (mass-consistent, CFL sub-stepped)
 *   5. chemistry with photolysis at the step mid-point
 * Each operator sees the met linearly interpolated between the bracketing met frames at
 * the step start (met_t0), end (met_t1) and mid-point (met_mid).
 *
 * The driver never reads files: met frames come through hooks the front end supplies.
 * Parallelism lives inside operators (OpenMP) and in the grid (MPI halo exchange, later),
 * never here. */
#ifndef TF_DRIVER_H
#define TF_DRIVER_H
#include "model/grid/met.h"
#include "model/grid/state.h"

#define DRV_MAX_OPS 16

typedef struct drv_ctx drv_ctx;

typedef struct drv_op {
  const char *name;   /* "emissions", "vertical mixing", ... (used in timings) */
  void *self;         /* operator context, owned by the op */
  /* Advance the state over [t0, t0+dt] (s since epoch). */
  int (*step)(void *self, drv_ctx *run, double t0, double dt, tf_err *err);
  void (*destroy)(void *self);
} drv_op;

/* Hooks the front end supplies. All may fail with a message. */
typedef struct drv_hooks {
  void *user;
  int nframes;                                   /* met frames available */
  double (*frame_time)(void *user, int i);       /* s since epoch, strictly increasing */
  int (*frame_read)(void *user, int i, tf_met *m, tf_err *err);
  /* Called after every synchronisation step and at every whole hour (hour = 1 then). */
  int (*after_step)(void *user, drv_ctx *run, double t, int whole_hour, tf_err *err);
} drv_hooks;

struct drv_ctx {
  tf_grid *g;
  tf_state *st;
  tf_met *frame_a, *frame_b;   /* bracketing met frames */
  int ia;                      /* index of frame_a (-1 before the first load) */
  tf_met *met_t0, *met_t1, *met_mid;
  double t;                    /* current model time, s since epoch */
  double dt;                   /* synchronisation step, s (divides 3600) */
  long nsteps;
  int nops;
  drv_op ops[DRV_MAX_OPS];
  double op_wall_s[DRV_MAX_OPS]; /* accumulated wall time per operator */
  double met_wall_s;             /* met reading + interpolation */
  /* Products shared between operators within a step (NULL when not produced):
   * surface flux per species per column, ppb m s-1 (emissions -> vertical mixing), and
   * dry-deposition velocity per species per column, m s-1 (deposition -> vertical mixing);
   * elevated emission tendency per species per cell, ppb s-1 (point sources). */
  double *sflux_ppb_ms;         /* nspec * n2 */
  double *vd_ms;                /* nspec * n2 */
  double *elev_ppb_s;           /* nspec * n3 */
};

/* Create a run over grid g with the given state (both owned by the caller). */
drv_ctx *drv_create(tf_grid *g, tf_state *st, double dt_s, tf_err *err);
void drv_destroy(drv_ctx **d);
/* Append an operator (the driver takes ownership and calls op.destroy). */
int drv_add_op(drv_ctx *d, const drv_op *op, tf_err *err);
/* Run from t_start to t_end (s since epoch; both on step boundaries of the hour). */
int drv_run(drv_ctx *d, const drv_hooks *h, double t_start, double t_end, tf_err *err);
/* Met at time t (interpolated between the bracketing frames) into out. */
int drv_met_at(drv_ctx *d, const drv_hooks *h, double t, tf_met *out, tf_err *err);
#endif
