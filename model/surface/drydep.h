/* drydep.h — dry deposition velocities of gases (Wesely 1989 resistance model).
 *
 * v_d = 1 / (r_a + r_b + r_c) per species and surface column, m/s, for every species of
 * the mechanism that the species property table marks as depositing (0 for the others).
 *   r_a  aerodynamic resistance, Monin–Obukhov similarity (Businger–Dyer functions),
 *   r_b  quasi-laminar layer resistance, 2/(k u*) (Sc/Pr)^(2/3) (WRF-Chem module_dep_simple),
 *   r_c  Wesely (1989) surface resistance with the Walmsley & Wesely (1996) corrections,
 *        USGS 24 classes mapped to Wesely's 11 land-use types (table in drydep.c).
 * The species property table (configs/mechanisms/cb05/species.csv) is read by io/csv and
 * passed in as an array of dep_species_props. */
#ifndef TF_DRYDEP_H
#define TF_DRYDEP_H
#include "model/grid/met.h"
#include "model/grid/state.h"

/* Wesely (1989) seasons. */
enum {
  DEP_SEASON_MIDSUMMER = 1,   /* midsummer with lush vegetation (the Sichuan August run) */
  DEP_SEASON_AUTUMN = 2,      /* autumn with unharvested cropland */
  DEP_SEASON_LATE_AUTUMN = 3, /* late autumn after frost, no snow */
  DEP_SEASON_WINTER = 4,      /* winter, snow on ground and sub-freezing */
  DEP_SEASON_SPRING = 5       /* transitional spring with partially green short annuals */
};
#define DEP_NLU_WESELY 11     /* Wesely land-use types 1..11 */

/* One row of the species property table. */
typedef struct dep_species_props {
  char name[TF_SPEC_NAME_LEN]; /* mechanism species name */
  double mw_g_mol;             /* molar mass, g/mol */
  double hstar_M_atm;          /* effective Henry's law coefficient H*, M/atm */
  double f0;                   /* reactivity factor (Wesely 1989 Table 2), 0..1 */
  double dratio;               /* D_H2O / D_x, molecular diffusivity ratio */
  int deposits;                /* 1 = dry-deposited */
} dep_species_props;

/* Surface state of one column for the surface-resistance model. */
typedef struct dep_surface {
  int wesely_lu;     /* 1..11 */
  int season;        /* 1..5 */
  double srad_wm2;   /* solar irradiance G, W m-2 */
  double ts_c;       /* surface air temperature, deg C */
  double slope_rad;  /* terrain slope, rad (0 = flat) */
  int rain, dew;     /* wet canopy flags (Wesely 1989, "Effects of dew and rain") */
} dep_surface;

/* Gas parameters for r_c; iso = 1 for SO2, 2 for O3 (their ground/lower-canopy resistances
 * are the tabulated r_gsS/r_clS or r_gsO/r_clO themselves, and dew/rain use eqs. 10–13). */
typedef struct dep_gas {
  double hstar, f0, dratio;
  int iso;
} dep_gas;
enum { DEP_GAS_GENERIC = 0, DEP_GAS_SO2 = 1, DEP_GAS_O3 = 2 };

/* Wesely (1989) surface resistance r_c, s/m, bounded to [10, 9999] (eq. 2). */
double dep_surface_resistance(const dep_gas *gas, const dep_surface *s);
/* Aerodynamic resistance, s/m, between the surface (roughness z0_m) and height z_m, for
 * friction velocity ust_ms and Obukhov length L_m (|L| > 1e5 m or 0 = neutral). */
double dep_aero_resistance(double z_m, double z0_m, double ust_ms, double L_m);
/* Obukhov length, m, from u* (m/s), upward sensible heat flux (W m-2), air temperature (K)
 * and density (kg m-3): L = -u*^3 T rho cp / (k g H). Returns 1e6 for H = 0. */
double dep_obukhov_length(double ust_ms, double hfx_wm2, double t_k, double rho_kgm3);
/* Quasi-laminar resistance, s/m: 2/(k u*) (Sc/Pr)^(2/3), Sc = nu/D_x, D_x from dratio. */
double dep_quasi_laminar_resistance(double dratio, double ust_ms);

typedef struct dep_ctx dep_ctx;

/* Build the deposition set-up for the mechanism species names[0..nspec-1] (state order).
 * Every mechanism species must have a row in props (deposits = no is fine), otherwise the
 * error lists the missing names. season: DEP_SEASON_*. */
dep_ctx *dep_create(int nspec, const char *const *names, const dep_species_props *props,
                    int nprops, int season, tf_err *err);
void dep_destroy(dep_ctx **d);
/* Number of depositing species. */
int dep_ndeposited(const dep_ctx *d);

/* Deposition velocities for the owned columns: vd_ms[isp * g->n2 + grid_idx2(i, j)], m/s
 * (halo entries and non-depositing species set to 0). Uses from met: ust_ms, hfx_wm2, t2_k,
 * q2_kgkg, psfc_pa (dew), rho_kgm3 and zmid_m of layer 1 (the reference height),
 * swdown_wm2, rain_mmh; from the grid: landuse. */
int dep_velocity(const dep_ctx *d, const tf_met *met, double *vd_ms, tf_err *err);
#endif
