/* emissions.h — anthropogenic (gridded + point) and in-line biogenic emissions as mechanism
 * species sources.
 *
 * Inputs (plain structs that io/ fills; model/ reads no files):
 *   emis_inventory   gridded sector inventory, kg/h per cell (io/netcdf/emis_file.c)
 *   emis_point       point sources with stack parameters (io/csv/tables.c)
 *   emis_speciation  pollutant -> mechanism species, mol per kg, per sector
 *                    (configs/mechanisms/cb05/speciation.csv, io/csv/tables.c)
 * Processing: temporal profiles (hour of Beijing local time x weekday, per sector) x
 * speciation x scaling rules; gridded sources go into layer 1; point sources are lifted
 * by Briggs plume rise (plumerise.h) and spread over the layers the plume spans; biogenic
 * isoprene/monoterpenes (biogenic.h) go into layer 1.
 * Scenario scaling lives in ONE place: emis_set_scaling() rules (sector x species x region
 * weight x point sources x time window, see emis_scale_rule), applied by one function when
 * the per-cell rates are built; emis_pollutant_kgh() reports what the same rules remove.
 *
 * Per step the driver calls emis_update(e, met, t), then EITHER
 *   emis_apply(e, met, state, dt, 0)            adds dt x tendency in every layer, OR
 *   emis_apply(e, met, state, dt, 1) + emis_surface_flux(e, met, flux)
 *                                               layers >= 2 directly, layer 1 as the lower
 *                                               boundary flux of vertical diffusion,
 * (or emis_tendency_ppb_s() for a tendency array), and emis_account(e, dt, budget) once for the
 * budget. */
#ifndef TF_EMISSIONS_H
#define TF_EMISSIONS_H
#include <stdlib.h>
#include <string.h>
#include "model/grid/met.h"
#include "model/grid/state.h"

#define EMIS_NAME_LEN 32
#define EMIS_MAX_SECTOR 16
/* Inventory pollutants, in this order everywhere. NOX is counted as NO2 mass. */
enum { EMIS_NOX = 0, EMIS_NMVOC = 1, EMIS_CO = 2, EMIS_SO2 = 3, EMIS_NH3 = 4, EMIS_NPOL = 5 };
/* Biogenic role of a mechanism species (the biogenic column of the mechanism's species
 * table): which species receives the in-line isoprene and which the monoterpene flux. */
enum { EMIS_BIO_NONE = 0, EMIS_BIO_ISOPRENE = 1, EMIS_BIO_TERPENE = 2, EMIS_BIO_NROLE = 3 };
/* "NOX", "NMVOC", "CO", "SO2", "NH3"; index by enum. Header-only (io/ uses them without
 * linking model/surface). */
static inline const char *emis_pollutant_name(int pol)
{
  static const char *const n[EMIS_NPOL] = {"NOX", "NMVOC", "CO", "SO2", "NH3"};
  return pol >= 0 && pol < EMIS_NPOL ? n[pol] : "?";
}
/* Pollutant index of a name, or -1. */
static inline int emis_pollutant_index(const char *name)
{
  for (int p = 0; p < EMIS_NPOL; p++)
    if (strcmp(name, emis_pollutant_name(p)) == 0) return p;
  return -1;
}

/* Gridded inventory on the GLOBAL mass grid (nx x ny). rate_kgh[p] holds
 * nsector*ny*nx values, index (s*ny + j)*nx + i; NULL = pollutant absent (zero). */
typedef struct emis_inventory {
  int nx, ny, nsector;
  char sector[EMIS_MAX_SECTOR][EMIS_NAME_LEN];
  double *rate_kgh[EMIS_NPOL];           /* kg/h per cell, annual mean */
  double hour_profile[EMIS_MAX_SECTOR][24];   /* factor by hour of Beijing time, mean 1 */
  double weekday_profile[EMIS_MAX_SECTOR][7]; /* factor by weekday (0 = Monday), mean 1 */
} emis_inventory;

/* Header-only allocation so that io/ can build one without linking model/surface. */
static inline void emis_inventory_free(emis_inventory *inv)
{
  if (!inv) return;
  for (int p = 0; p < EMIS_NPOL; p++) { free(inv->rate_kgh[p]); inv->rate_kgh[p] = NULL; }
}

/* One point source (emis/points.csv). */
typedef struct emis_point {
  char id[EMIS_NAME_LEN];
  char name[64];
  char sector[EMIS_NAME_LEN];
  double lat, lon;                  /* deg */
  double stack_height_m, stack_diameter_m, exit_velocity_ms, exit_temp_k;
  double rate_kgh[EMIS_NPOL];       /* annual mean, kg/h (NOX as NO2) */
  char industry[EMIS_NAME_LEN];     /* industry column of points.csv ("" = none) */
} emis_point;

/* Speciation: mol of mechanism species per kg of inventory pollutant. A row with sector
 * "*" applies to every sector that has no row of its own for that pollutant. Species not
 * in the mechanism (e.g. "NR", non-reactive carbon, or NH3 without an NH3 species) are
 * skipped; their mass is reported by emis_unmapped_kgh(). */
typedef struct emis_spec_row {
  char sector[EMIS_NAME_LEN];
  int pollutant;                    /* EMIS_* */
  char species[TF_SPEC_NAME_LEN];
  double mol_per_kg;
} emis_spec_row;
typedef struct emis_speciation {
  int n;
  emis_spec_row *rows;
} emis_speciation;

typedef struct emis_config {
  int nspec;                        /* mechanism species, state order */
  const char *const *names;
  const emis_speciation *speciation;  /* required when inv or points are given */
  const emis_inventory *inv;        /* NULL = no gridded emissions */
  const emis_point *points;         /* NULL/0 = none */
  int npoints;
  int biogenic;                     /* 1 = in-line isoprene/monoterpenes (Guenther 1993) */
  const int *bio_role;              /* [nspec] EMIS_BIO_* per species (state order), each role at
                                       most once; NULL = none. With biogenic = 1 at least one
                                       species must have a role; a role no species has is
                                       not emitted (tianfu check prints the roles). */
} emis_config;

/* Which sources a scaling rule acts on. */
enum { EMIS_SRC_ALL = 0, EMIS_SRC_GRIDDED = 1, EMIS_SRC_POINTS = 2 };

/* Scaling rule: THE one mechanism by which scenarios change emissions. A rule multiplies
 * every emission that matches all its selectors by
 *     f = 1 + w (F - 1)          (w = 1: f = F exactly; w = 0: f = 1 exactly)
 * where w in [0, 1] is the rule's weight at the source (the area fraction of a region in a
 * cell, 1 for a point inside a polygon) and F its factor there. Rules multiply in order.
 * Selectors:
 *   sector   NULL or "*" = every sector (points match by their sector column)
 *   species  NULL or "*" = all; an inventory pollutant ("NOX", "NMVOC", ...) scales it
 *            before speciation, a mechanism species ("NO", "FORM") after
 *   sources  EMIS_SRC_ALL (gridded and points), _GRIDDED, or _POINTS only; point_ids or
 *            point_industry imply points only
 *   point_ids if npoint_ids > 0 the rule applies ONLY to these point sources (stack ids)
 *   point_industry  non-NULL: only the point sources whose industry column equals it
 * Weight at a gridded cell c: (mask ? (mask[c] != 0) : 1) x (cell_weight ? cell_weight[c] : 1)
 *   mask         NULL or g->n2 flags (grid_idx2 layout), nonzero = inside
 *   cell_weight  NULL or g->n2 weights in [0, 1] (grid_idx2 layout), e.g. area fractions
 * Weight at point source ip (index in emis_config.points):
 *   point_weight ? point_weight[ip] : the weight of the cell the point lies in
 * Factor: F = cell_factor ? cell_factor[c] : factor for gridded cells,
 *         F = point_factor ? point_factor[ip] : factor for points (all >= 0, finite);
 *   per-cell / per-point factor fields express project reductions
 *   (F = 1 - tonnes removed / tonnes present).
 * Time window (optional; none = always): the rule acts in the steps whose start time t
 * (emis_update) satisfies t_from_s <= t < t_to_s (when t_to_s > t_from_s) and whose Beijing
 * hour is set in hours_bj (bit h = hour h, 0 = every hour). Rules without a window are
 * built into the base rates once; a window change rebuilds them in emis_update.
 * Biogenic emissions are scaled only by rules with sector "biogenic" (gridded weight only).
 * Pointers are read by emis_set_scaling, which copies what it needs. */
typedef struct emis_scale_rule {
  const char *sector;
  const char *species;
  int sources;                      /* EMIS_SRC_* */
  const unsigned char *mask;
  const double *cell_weight;
  const double *cell_factor;
  int npoint_ids;
  const char *const *point_ids;
  const char *point_industry;
  const double *point_weight;       /* [emis_config.npoints] */
  const double *point_factor;       /* [emis_config.npoints] */
  double factor;
  double t_from_s, t_to_s;          /* s since 1970 UTC; t_to_s <= t_from_s = no date range */
  unsigned hours_bj;                /* bit h = Beijing hour h; 0 = all hours */
} emis_scale_rule;

/* 1 if rule R acts at time t (its time window), 0 if not. */
int emis_rule_active(const emis_scale_rule *R, double time_s);

typedef struct emis_ctx emis_ctx;

emis_ctx *emis_create(const tf_grid *g, const emis_config *cfg, tf_err *err);
void emis_destroy(emis_ctx **e);
/* Replace the scaling rules (copied) and rebuild the per-cell base rates. */
int emis_set_scaling(emis_ctx *e, int nrules, const emis_scale_rule *rules, tf_err *err);

/* Compute all emission rates for time_s (s since 1970 UTC) with met at that time:
 * temporal factors, plume rise, biogenic fluxes. */
int emis_update(emis_ctx *e, const tf_met *met, double time_s, tf_err *err);
/* tend[isp*n3 + grid_idx3(i,j,k)] = emission tendency, ppb/s, for layers k >= k_start
 * (owned cells; other entries set to 0). Air mass of a cell: mu*deta/g * dx*dy/m^2. */
void emis_tendency_ppb_s(const emis_ctx *e, const tf_met *met, double *tend, int k_start);
/* Layer-1 emissions as a surface flux, ppb m/s (= layer-1 tendency x layer-1 depth
 * zw[1]-zw[0]): flux[isp*n2 + grid_idx2(i,j)]. */
void emis_surface_flux(const emis_ctx *e, const tf_met *met, double *flux_ppb_m_s);
/* state += dt * tendency for layers k >= k_start. */
void emis_apply(const emis_ctx *e, const tf_met *met, tf_state *s, double dt_s, int k_start);
/* Add dt x current rates to the cumulative emitted moles (call once per step), and to
 * step_mol[nspec] when not NULL (a budget collector), mol. */
void emis_account(emis_ctx *e, double dt_s, double *step_mol);
/* Cumulative emitted moles of species isp, and its current total rate (mol/s, all
 * sources and layers, owned cells). */
double emis_total_mol(const emis_ctx *e, int isp);
double emis_rate_mol_s(const emis_ctx *e, int isp);
/* Current rate of species isp injected into layer k (mol/s, owned cells). */
double emis_layer_rate_mol_s(const emis_ctx *e, int isp, int k);
/* Mass of inventory pollutant (kg/h, base rates incl. scaling, before temporal profiles)
 * that the speciation sends to species absent from the mechanism (e.g. NH3, NR carbon). */
double emis_unmapped_kgh(const emis_ctx *e, int pollutant);
/* The plume of point ip at the last update: rise (m), bottom/top (m above ground), and the
 * layer fractions (nz values, sum 1). Returns its local index, or -1 if ip is not in an
 * owned cell. */
int emis_point_plume(const emis_ctx *e, int ip, double *rise_m, double *bot_m, double *top_m,
                     double *frac_nz);
/* Sectors of the context: inventory order, then point-source sectors not in the inventory. */
int emis_nsector(const emis_ctx *e);
const char *emis_sector_name(const emis_ctx *e, int s);

/* Inventory-pollutant mass per pollutant x sector x owned cell, kg/h, through THE scaling
 * function the rates use (so a scenario's table of removed tonnes is what the run removes):
 *   what = EMIS_KGH_RAW      unscaled inventory
 *          EMIS_KGH_SCALED   after the rules
 *          EMIS_KGH_REMOVED  RAW - SCALED
 *   time_s: rules whose window holds at time_s act; NAN = every rule acts (windows ignored)
 *   profile: 0 = annual-mean rates (x 8.76 = t/yr); 1 = times the sector's hour-of-day and
 *            weekday factors at time_s (what emis_update emits at time_s; needs finite time_s)
 * grid_kgh (may be NULL): [(p * nsector + s) * n2 + grid_idx2(i, j)], gridded sources only;
 * point_kgh (may be NULL): [ip * EMIS_NPOL + p] per point of emis_config.points (0 for points
 * outside the owned cells). A rule on a mechanism species removes the mole-weighted share
 * of the pollutant it speciates from (sum_k mol_k f_k / sum_k mol_k). Returns TF_OK. */
enum { EMIS_KGH_RAW = 0, EMIS_KGH_SCALED = 1, EMIS_KGH_REMOVED = 2 };
int emis_pollutant_kgh(const emis_ctx *e, int what, double time_s, int profile, double *grid_kgh,
                       double *point_kgh);
/* Local (owned) cell of point ip of emis_config.points: grid_idx2 index, or -1. */
long emis_point_cell(const emis_ctx *e, int ip);
#endif
