/* restart.h — exact model state to and from a NetCDF restart file.
 *
 * Contents: every species of the state on every owned cell, double precision
 * (conc(species, lev, y, x), ppb), the species names (char species_name(species, name_len)),
 * the model time (double time, s since 1970-01-01T00:00:00Z, plus an ISO 8601 attribute),
 * the grid dimensions (global attributes nx, ny, nz) and any extra named double arrays the
 * driver registers (e.g. running MDA8 accumulators), each stored as-is with its length.
 * Written to "<path>.partial" and renamed when complete. Reading checks grid dims, species
 * count and names (in order) and every extra's presence and length; messages name the
 * file and the mismatch. Halo cells are neither written nor read (the caller refreshes
 * halos as after any step). Single rank: the owned block is the whole domain. */
#ifndef TF_RESTART_H
#define TF_RESTART_H
#include <stddef.h>
#include "model/core/tf_error.h"
#include "model/grid/state.h"

typedef struct restart_array {
  const char *name;   /* NetCDF-safe name, e.g. "mda8_accum" */
  size_t n;           /* number of doubles */
  double *data;       /* written from / read into */
} restart_array;

int restart_write(const char *path, const tf_state *s, double time_s, const restart_array *extra, int nextra,
                  tf_err *err);
/* Fill s (already created with the model's grid and species) and *time_s from the file. */
int restart_read(const char *path, tf_state *s, double *time_s, restart_array *extra, int nextra, tf_err *err);
#endif
