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
 * never here.
 *
 * The driver is opaque. Operators are added with drv_add_op, which returns a handle; they
 * read the run through accessors (drv_state, drv_met_t0, ...). Arrays that one operator
 * produces for another within a step (the emission surface flux, the deposition velocity)
 * are PRODUCTS: the producing operator declares them in `produces`, a consumer in
 * `consumes` (required: adding it before a producer is an error) or `uses` (optional:
 * NULL when nobody produces it). The driver allocates a product only when some operator
 * produces it. Every operator reports what it moves into the BUDGET COLLECTOR
 * (drv_budget_channel: mol per species and channel — emitted, deposited, entered through
 * each boundary, chemical net production), which the front end reads and zeroes each
 * hour.
 *
 * MEMBERS (several emission scenarios over the same met in one run): after
 * drv_set_members(d, n) the run's state holds n members one after the other, member m
 * being species [m*ns, (m+1)*ns) of the state (ns = nspec / n; drv_member_state gives a
 * view). Met frames and their interpolation exist once. An operator either works on the
 * whole state at once (advection, vertical mixing: their per-species arithmetic does not
 * depend on how many species there are, so each member gets exactly the numbers of a
 * one-member run, while the plans, face fluxes and mixing coefficients are computed once)
 * or loops over the members (emissions, chemistry). Products and budget channels are
 * sized for the whole state, member m's slice starting at species m*ns. */
#ifndef TF_DRIVER_H
#define TF_DRIVER_H
#include "model/grid/met.h"
#include "model/grid/state.h"

#define DRV_MAX_OPS 16

typedef struct drv_ctx drv_ctx; /* opaque */
typedef struct drv_op drv_op;   /* an operator added to a run (handle, owned by the run) */

/* Arrays shared between operators within a step. */
typedef enum {
  DRV_SURFACE_FLUX,   /* emission flux into layer 1, ppb m s-1, [nspec][n2] */
  DRV_DEP_VELOCITY,   /* dry-deposition velocity, m s-1, [nspec][n2] */
  DRV_NPRODUCTS
} drv_product;
#define DRV_PRODUCT(p) (1u << (p))

/* Budget channels, mol per species, accumulated until drv_budget_zero. Boundary channels
 * count what ENTERED the domain (negative = left). */
typedef enum {
  DRV_BUD_EMITTED,
  DRV_BUD_DRY_DEP,    /* removed, >= 0 */
  DRV_BUD_WET_DEP,    /* removed, >= 0 */
  DRV_BUD_IN_WEST, DRV_BUD_IN_EAST, DRV_BUD_IN_SOUTH, DRV_BUD_IN_NORTH, DRV_BUD_IN_TOP,
  DRV_BUD_CHEMISTRY,  /* net chemical production */
  DRV_BUD_NCHAN
} drv_budget_chan;

/* What an operator is. */
typedef struct drv_op_def {
  const char *name;   /* "emissions", "vertical mixing", ... (timings, messages) */
  void *self;         /* operator context; the run takes ownership */
  /* Advance the state over [t0, t0+dt] (s since epoch). */
  int (*step)(void *self, drv_ctx *run, double t0, double dt, tf_err *err);
  void (*destroy)(void *self);
  unsigned produces;  /* DRV_PRODUCT(...) bits */
  unsigned consumes;  /* required products (an earlier operator must produce them) */
  unsigned uses;      /* optional products */
} drv_op_def;

/* Hooks the front end supplies. All may fail with a message. */
typedef struct drv_hooks {
  void *user;
  int nframes;                                   /* met frames available */
  double (*frame_time)(void *user, int i);       /* s since epoch, strictly increasing */
  int (*frame_read)(void *user, int i, tf_met *m, tf_err *err);
  /* Called after every synchronisation step and at every whole hour (hour = 1 then). */
  int (*after_step)(void *user, drv_ctx *run, double t, int whole_hour, tf_err *err);
} drv_hooks;

/* Create a run over grid g with the given state (both owned by the caller); dt_s divides
 * the hour. */
drv_ctx *drv_create(tf_grid *g, tf_state *st, double dt_s, tf_err *err);
/* Declare that the state holds nmember members (before any operator is added; the state's
 * species count must be a multiple of nmember). Default 1. */
int drv_set_members(drv_ctx *d, int nmember, tf_err *err);
int drv_nmember(const drv_ctx *d);
/* Species per member (the state's nspec / nmember). */
int drv_member_nspec(const drv_ctx *d);
/* A view of member m: nspec of one member, names and concentrations pointing into the
 * run's state (nothing to free). */
tf_state drv_member_state(drv_ctx *d, int m);
/* Member m's slice of a product ([member nspec][n2]), NULL when nobody produces it. */
double *drv_member_product(drv_ctx *d, drv_product p, int m);
/* Member m's slice of budget channel c ([member nspec] mol). */
double *drv_member_channel(drv_ctx *d, int m, drv_budget_chan c);
/* Zero every channel of member m. */
void drv_budget_zero_member(drv_ctx *d, int m);
/* Destroys every operator too. */
void drv_destroy(drv_ctx **d);
/* Append an operator (the run takes ownership of def->self even on failure and calls
 * def->destroy). Returns its handle, or NULL (err set) when there are too many operators,
 * a required product has no earlier producer, or a product would be produced twice. */
drv_op *drv_add_op(drv_ctx *d, const drv_op_def *def, tf_err *err);
/* Run from t_start to t_end (s since epoch; both on step boundaries of the hour). */
int drv_run(drv_ctx *d, const drv_hooks *h, double t_start, double t_end, tf_err *err);
/* Met at time t (interpolated between the bracketing frames) into out. */
int drv_met_at(drv_ctx *d, const drv_hooks *h, double t, tf_met *out, tf_err *err);

/* Operators of the run, in order, and what the run measured of them. */
int drv_nops(const drv_ctx *d);
drv_op *drv_op_at(const drv_ctx *d, int i);
const char *drv_op_name(const drv_op *op);
void *drv_op_self(const drv_op *op);
double drv_op_wall_s(const drv_op *op);     /* accumulated wall time of its steps, s */
double drv_met_wall_s(const drv_ctx *d);    /* met reading and interpolation, s */
long drv_nsteps(const drv_ctx *d);

/* For operators and hooks: the run's grid, state, step and the met of the current step at
 * its start (t0), end (t1) and mid-point. */
const tf_grid *drv_grid(const drv_ctx *d);
tf_state *drv_state(drv_ctx *d);
double drv_dt(const drv_ctx *d);
const tf_met *drv_met_t0(const drv_ctx *d);
const tf_met *drv_met_t1(const drv_ctx *d);
const tf_met *drv_met_mid(const drv_ctx *d);
/* A product's array, NULL when no operator produces it. */
double *drv_product_array(drv_ctx *d, drv_product p);
/* 1 if an operator consumes or uses product p. */
int drv_product_wanted(const drv_ctx *d, drv_product p);

/* Budget collector: [nspec] mol of channel c; operators add to it. */
double *drv_budget_channel(drv_ctx *d, drv_budget_chan c);
const double *drv_budget_read(const drv_ctx *d, drv_budget_chan c);
void drv_budget_zero(drv_ctx *d);
#endif
