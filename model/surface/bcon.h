/* bcon.h — initial and lateral boundary concentrations from clean-background vertical
 * profiles (configs/mechanisms/cb05/boundary_profiles.csv, read by io/csv into bc_profiles), and the
 * lateral blend of two boundary records in time (fields a front end read from a parent-run
 * file, io/netcdf/bc_file.h; this module never reads files). */
#ifndef TF_BCON_H
#define TF_BCON_H
#include "model/grid/met.h"
#include "model/grid/state.h"

/* One profile point: mixing ratio of a species at a height above ground. */
typedef struct bc_profile_row {
  char species[TF_SPEC_NAME_LEN];
  double z_m;     /* m above ground */
  double ppb;     /* dry-air mole fraction, ppb */
} bc_profile_row;
typedef struct bc_profiles {
  int n;
  bc_profile_row *rows;
} bc_profiles;

typedef struct bcon_ctx bcon_ctx;

/* Profiles for the mechanism species names[0..nspec-1]. Species without rows get 0 ppb
 * (radicals, operators); bcon_nprofiled() counts those with a profile. Rows of species
 * absent from the mechanism are ignored. Error if a species' heights are not distinct or a
 * value is negative. */
bcon_ctx *bcon_create(int nspec, const char *const *names, const bc_profiles *tab, tf_err *err);
void bcon_destroy(bcon_ctx **b);
int bcon_nprofiled(const bcon_ctx *b);
/* Mixing ratio, ppb, of species isp at height z_m above ground: linear in height between
 * profile points, constant beyond the first/last point. */
double bcon_value(const bcon_ctx *b, int isp, double z_m);
/* Initial condition: every stored cell (halo included) from the profiles at zmid_m. */
void bcon_init_state(const bcon_ctx *b, const tf_met *met, tf_state *s);
/* Lateral boundary: the halo cells that lie outside the global domain (i < 0, i >= nx,
 * j < 0, j >= ny in global indices) get the profile values at their zmid_m (taken from the
 * nearest owned column when the met halo is not filled). */
void bcon_fill_lateral(const bcon_ctx *b, const tf_met *met, tf_state *s);
/* Lateral boundary from two records of one species: the halo cells of c outside the global
 * domain (as bcon_fill_lateral) get (1-w) a + w b, w in [0, 1] (linear in time between the
 * records' times); owned cells and halo cells inside the domain are untouched. a, b, c are
 * grid arrays (g->n3 values, ppb). w = 0 gives a exactly, w = 1 gives b exactly. */
void bcon_blend_lateral(const tf_grid *g, const double *a, const double *b, double w, double *c);
#endif
