/* vdiff.h — implicit vertical mixing: local K-theory (Kz) and the ACM2 non-local scheme.
 *
 * Equation (per column, tracer mass per unit area, mixing ratio q in ppb):
 *   m_k dq_k/dt = sum_j L_kj q_j + s_k
 * with m_k = mu * deta_k / g the dry-air mass of layer k (kg m-2, the same air mass the
 * advection operator conserves) and L holding
 *   - local diffusion between layers k-1 and k: conductance rho_i Kz_i / dz_i (kg m-2 s-1)
 *     with the hydrostatic density rho_k = m_k / dz_k and dz_i the mid-layer distance;
 *   - ACM2 non-local mixing (Pleim 2007, JAMC 46, 1383, eqs 4-5 in mass form): layer 0
 *     sends air at rate Mu*m_i to every layer i = 1..kt of the convective boundary layer and
 *     each layer i receives compensating subsidence Mu*S_{i+1} from the layer above
 *     (S_i = air mass of layers i..kt), so every column of L sums to zero (exact
 *     conservation) and a uniform profile is an exact steady state;
 *   - dry deposition -rho_0 v_d q_0 (surface flux F = -v_d C_1, docs/physics-references.md §2.2)
 *     and the emission source s_0 = rho_0 F_e, with rho_0 = m_0/dz_0, so a 1-layer box
 *     decays exactly as dq/dt = -(v_d/dz_0) q.
 * Time integration: theta method, (diag m - theta dt L) q' = (diag m + (1-theta) dt L) q
 * + dt s. Default theta = 1 (backward Euler: unconditionally positive, the matrix is an
 * M-matrix); theta = 0.5 (Crank-Nicolson, as ACM2 in WRF) sub-steps so that the explicit
 * half keeps positivity, as WRF's ACM2 does (docs/physics-references.md §2.2).
 * Solver: the matrix is tridiagonal plus a first column (ACM2 upward transport). It is
 * eliminated from the top down in O(nz) without pivoting (column diagonal dominance), so
 * the species-dependent deposition term only enters the last pivot: one factorisation
 * per column serves every species. tests/model/transport/test_vdiff.c cross-checks it
 * against LAPACKE_dgesv / LAPACKE_dgtsv.
 * Kz: Pleim 2007 / WRF module_bl_acm.F EDDYX (docs/physics-references.md §2.2): inside the PBL
 * Kz = k u* z (1 - z/h)^2 / phi_h with phi_h of Holtslag & Boville (1993); everywhere the
 * local Richardson-number Kz (lambda = 80 m, Ri_c = 0.25) as a lower bound; bounds
 * [Kz_min, 1000] m2/s with Kz_min = 0.01 m2/s (WRF EDYZ0) or 1 m2/s for urban cells
 * (CMAQ eddyx.F KZU for urban land use); inside a convective PBL the local Kz is scaled
 * by (1 - f_conv). */
#ifndef TF_VDIFF_H
#define TF_VDIFF_H
#include "model/core/tf_error.h"
#include "model/grid/grid.h"
#include "model/grid/met.h"
#include "model/grid/state.h"

enum { VDIFF_KZ = 0, VDIFF_ACM2 = 1 };

/* Surface exchange of one or more vdiff_step calls, accumulated (zero it first). */
typedef struct vdiff_budget {
  int nspec;
  double *emis_mol;  /* [nspec] amount emitted into the domain, mol */
  double *dep_mol;   /* [nspec] amount removed by dry deposition, mol (>= 0) */
  long acm_columns;  /* column-steps in which ACM2 non-local mixing was active */
  int nsub_max;      /* largest sub-step count of any column (theta < 1), last call */
} vdiff_budget;

vdiff_budget *vdiff_budget_create(int nspec, tf_err *err);
void vdiff_budget_destroy(vdiff_budget **b);

typedef struct vdiff_ctx vdiff_ctx;

/* scheme: VDIFF_KZ (local only) or VDIFF_ACM2. */
vdiff_ctx *vdiff_create(const tf_grid *g, int nspec, int scheme, tf_err *err);
void vdiff_destroy(vdiff_ctx **v);
/* theta in [0.5, 1]; default 1 (backward Euler). */
int vdiff_set_theta(vdiff_ctx *v, double theta, tf_err *err);
/* Minimum Kz over non-urban and urban cells, m2/s (defaults 0.01 and 1.0). */
int vdiff_set_kzmin(vdiff_ctx *v, double kzmin_m2s, double kzmin_urban_m2s, tf_err *err);

/* Mix every owned column of st through dt_s seconds with met m (mu_pa, zw_m, t_k, p_pa,
 * qv_kgkg, u_ms, v_ms, pblh_m, ust_ms, hfx_wm2; grid eta_w, landuse).
 * sflux_ppb_ms: [nspec*n2] surface emission flux, ppb m/s (index s*n2 + grid_idx2(i,j)),
 *               or NULL for none. (kg m-2 s-1 of species X -> ppb m/s: F * 1e9 M_air /
 *               (M_X * rho_air).)
 * vd_ms:        [nspec*n2] dry-deposition velocity, m/s (>= 0), or NULL for none.
 * budget may be NULL. Returns TF_OK or TF_EINVAL (bad arguments, non-positive layer mass
 * or thickness, negative v_d). */
int vdiff_step(vdiff_ctx *v, tf_state *st, const tf_met *m, double dt_s,
               const double *sflux_ppb_ms, const double *vd_ms, vdiff_budget *budget,
               tf_err *err);

/* ---- column level (used by vdiff_step; exposed for tests and diagnostics) ---- */

/* One column's physics. */
typedef struct vdiff_column {
  int nz;
  const double *mass_kgm2; /* [nz] layer air mass, kg m-2 */
  const double *zw_m;      /* [nz+1] interface heights above ground, m */
  const double *kz_m2s;    /* [nz+1] Kz at interfaces; [0] and [nz] unused */
  double acm_mu_s;         /* ACM2 upward rate Mu, s-1 (0: local mixing only) */
  int acm_kt;              /* top layer of the convective boundary layer (0-based) */
} vdiff_column;

/* Factorised column operator for one (sub)step; opaque sizes: vdiff_work_len(nz). */
static inline int vdiff_work_len(int nz) { return 12 * (nz + 1); }

/* Advance one column q[nz] (ppb) by nsub sub-steps of dt_s/nsub with the theta method.
 * sflux (ppb m/s), vd (m/s). Writes the emitted and deposited amounts of the whole step
 * (ppb * kg m-2) to *emis and *dep when non-NULL. work: vdiff_work_len(nz) doubles. */
int vdiff_column_step(const vdiff_column *c, double theta, double dt_s, int nsub, double sflux,
                      double vd, double *q, double *emis, double *dep, double *work);

/* The same matrix as a dense nz*nz row-major array B = diag(m) - theta*dt*L (without
 * deposition), for the LAPACKE cross-check. */
void vdiff_column_matrix(const vdiff_column *c, double theta, double dt_s, double *dense);

/* ACM2 convective fraction f_conv(h/|L|) (Pleim 2007 eq 19 as coded in WRF, k = 0.4). */
double vdiff_acm2_fconv(double h_over_absL);
/* Kz profile and ACM2 parameters of a stored column (i,j) of met m: kz[nz+1], returns
 * 1 if ACM2 is active (then *mu_s and *kt are set), 0 otherwise. scheme as in create. */
int vdiff_column_kz(const tf_grid *g, const tf_met *m, int i, int j, int scheme, double kzmin,
                    double *kz, double *mu_s, int *kt);
#endif
