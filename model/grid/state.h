/* state.h — species concentrations on the 3-D grid.
 *
 * Layout: one contiguous 3-D array per species, c[s*n3 + grid_idx3(i,j,k)], halo included.
 * Why: transport sweeps one species at a time along rows (unit stride in i, the halo is
 * part of the array so stencils need no branch), and chemistry gathers batches of
 * consecutive cells of a row — for each species that is one contiguous copy into the
 * solver's structure-of-arrays batch [species][cell-in-batch], so the vectorised
 * chemistry loops run across cells with unit stride. Gather/scatter costs O(nspec) per
 * cell against O(nnz * steps) of the solver, i.e. a few per cent.
 *
 * Units: dry-air mole fraction in ppb (nmol/mol) for every gas, the quantity that is
 * conserved under transport of mixing ratio with air-density weighting. Chemistry converts
 * to molec cm-3 with the air number density of the cell. */
#ifndef TF_STATE_H
#define TF_STATE_H
#include "model/grid/grid.h"

#define TF_SPEC_NAME_LEN 32

typedef struct tf_state {
  const tf_grid *g;
  int nspec;
  char (*names)[TF_SPEC_NAME_LEN];
  double *c;               /* nspec * g->n3 values, ppb */
} tf_state;

tf_state *state_create(const tf_grid *g, int nspec, const char *const *names, tf_err *err);
void state_destroy(tf_state **s);
static inline double *state_spec(const tf_state *s, int isp) { return s->c + (size_t)isp * s->g->n3; }
/* Index of a species by name, or -1. */
int state_find(const tf_state *s, const char *name);
#endif
