/* advection.h — 3-D mass-consistent PPM advection of mixing ratios on the WRF grid.
 *
 * adv_step advances every species of a tf_state (ppb, dry-air mole fraction) through one
 * synchronisation step dt from met m0 (start) to m1 (end):
 *   - air mass of cell (i,j,k):  A = mu * deta_k / g * dx*dy / m^2            (kg)
 *   - horizontal air-mass flux through a west face: Fx = u * mu_u * deta_k / g * dy / m_u
 *     (kg/s; mu_u the mean of the two neighbouring columns, m_u = grid->mapfac_u), and
 *     likewise Fy with v, mu_v, dx / m_v: WRF's flux form (Skamarock et al. 2008,
 *     NCAR/TN-475 ch. 2: coupled U = mu u / m_y, continuity with map factors m_x = m_y = m
 *     for conformal projections, column mass per computational area mu/m^2).
 *     mu and winds are linearly interpolated in time to each sub-step's mid-point.
 *   - the vertical air-mass flux W at each interface comes from continuity, integrated
 *     from the surface up (W_0 = 0) so that every layer ends each sub-step with exactly
 *     its target mass A(t_end) (the discrete analogue of WRF's diagnostic eta-dot from the
 *     column-integrated continuity equation, TN-475 ch. 2, on our own fluxes). The column
 *     residual (met mu tendency minus the column integral of the horizontal mass-flux
 *     divergence, nonzero with hourly-snapshot winds) leaves/enters through the model lid
 *     and is reported in the budget (air and tracer).
 *   - each 1-D sweep transports air mass and tracer mass with the same fluxes (ppm.h mass
 *     form), so a uniform q stays uniform to the last bit, in any divergent flow, with
 *     any map factors and any mu(t): mass consistency in the sense of Easter (1993) and
 *     Lin & Rood (1996), without CMAQ's density adjustment. The vertical sweep
 *     reconstructs in the air-mass coordinate of the stretched layers with CW84's
 *     non-uniform-grid PPM (ppm_sweep_w); the horizontal sweeps use the uniform form.
 * Sub-stepping: each level sub-steps its x-y sweeps on its own (count from the level's
 * largest mass Courant number, i.e. outflow fraction, at both met times, target
 * ADV_CMAX), verified by a dry run of the air-mass sweeps (dimension splitting changes
 * the mass later sweeps see) and doubled until every sweep stays within one cell; each
 * column sub-steps its vertical sweep on its own. Sweep order alternates between calls:
 * horizontal (x-y, y-x, ...) then vertical; vertical then horizontal (y-x, x-y, ...).
 * Boundaries: inflow faces take bc_ppb (per species and level, ppb; NULL = zero-gradient),
 * or, after adv_set_bc_halo(a, 1), the state's halo cells; outflow is zero-gradient; the
 * lid takes bc_ppb of the top level when air enters (zero gradient if bc_ppb is NULL).
 * Parallelism: OpenMP over (level, group of species) for the horizontal sweeps and over
 * rows for the vertical sweep, inside this module; the result and the budget are bitwise
 * independent of the thread count.
 * Cost: each sweep is described once (face masses, sampled fractions, new air mass) and
 * applied to every species by ppm_lines (ppm.h), which sweeps many lines at once in SIMD
 * lanes with the arithmetic of the scalar sweep, so the results are those of it bit for bit.
 * Limitation: the grid must own the whole domain (one MPI rank); multi-rank needs a halo
 * exchange between sweeps, which this module does not do. */
#ifndef TF_ADVECTION_H
#define TF_ADVECTION_H
#include "model/core/tf_error.h"
#include "model/grid/grid.h"
#include "model/grid/met.h"
#include "model/grid/state.h"

/* Largest outflow fraction of a cell per sweep that the sub-stepping aims for; the hard
 * limit 1 (PPM samples within one cell) is then verified on the air mass of every sweep
 * before any species is touched, doubling the sub-steps if needed. */
#define ADV_CMAX 0.9

enum { ADV_WEST = 0, ADV_EAST, ADV_SOUTH, ADV_NORTH, ADV_TOP, ADV_NSIDE };

/* Budget of one or more adv_step calls. Accumulated (adv_step adds to it): zero it with
 * adv_budget_create or memset before the period of interest. */
typedef struct adv_budget {
  int nspec;
  double *in_mol;     /* [nspec*ADV_NSIDE]: net amount that ENTERED the domain through
                       * side ADV_WEST..ADV_TOP, mol (= ppb * kg_air * 1e-9 / M_air) */
  double air_in_top_kg; /* air that entered through the lid (continuity residual), kg */
  int nsub_h;         /* horizontal sub-steps of the busiest level, last call */
  double nsub_h_mean; /* horizontal sub-steps averaged over levels, last call (cost) */
  int nsub_v_max;     /* largest vertical sub-step count of any column, last call */
} adv_budget;

adv_budget *adv_budget_create(int nspec, tf_err *err);
void adv_budget_destroy(adv_budget **b);
void adv_budget_zero(adv_budget *b);

typedef struct adv_ctx adv_ctx;

/* Work space for the grid g (single rank: g->nxo == g->nx, g->nyo == g->ny). */
adv_ctx *adv_create(const tf_grid *g, int nspec, tf_err *err);
void adv_destroy(adv_ctx **a);

/* Lateral inflow values from the state's own halo cells outside the domain (filled by the
 * caller before each step, e.g. with bcon_fill_lateral: profiles at each column's
 * height) instead of bc_ppb; bc_ppb is then used only for the lid (NULL: zero gradient
 * there). on = 0 restores the default. TF_EINVAL if the grid has no halo. */
int adv_set_bc_halo(adv_ctx *a, int on, tf_err *err);

/* Advance st through dt_s seconds (> 0) from met m0 (time t) to m1 (time t+dt); uses
 * mu_pa, u_ms, v_ms of both. bc_ppb: [nspec*nz] lateral inflow values, ppb (NULL: zero
 * gradient). budget may be NULL. Returns TF_OK, TF_EINVAL (bad arguments: nonpositive
 * dt, species count mismatch, non-positive air mass) or TF_ENUMERIC (a sub-step still
 * exceeded Courant fraction 1, e.g. a vertical mass flux that empties a layer). */
int adv_step(adv_ctx *a, tf_state *st, const tf_met *m0, const tf_met *m1, double dt_s,
             const double *bc_ppb, adv_budget *budget, tf_err *err);

/* Air mass of owned cell (i,j,k) as the operator sees it, kg. */
double adv_cell_air_kg(const tf_grid *g, const tf_met *m, int i, int j, int k);
/* Amount of a species in the owned domain, mol: sum of c_ppb * 1e-9 * A / M_air, summed
 * in a fixed order (deterministic). c_ppb is one species' 3-D array (state_spec). */
double adv_species_mol(const tf_grid *g, const tf_met *m, const double *c_ppb);
/* Sweep-order parity (0: horizontal starting with x, then vertical, next; 1: vertical,
 * then horizontal starting with y). Part of the exact model state:
 * restart files store it so a restarted run matches a continuous one bit for bit. */
int adv_get_parity(const adv_ctx *a);
void adv_set_parity(adv_ctx *a, int parity);
#endif
