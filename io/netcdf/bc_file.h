/* bc_file.h — initial and lateral boundary fields from a CF NetCDF file on the run's grid
 * ([boundary] initial = file / lateral = file, [boundary] file = PATH).
 *
 * Format (README.md "Input formats"): exactly what a Tianfu forecast writes with
 * `[output] fields_3d = on` (the hourly tianfu_<start>_<H>h.nc), so a parent run's 3-D
 * output drives a child run on the SAME grid:
 *   - dimensions time (any length >= 1), lev = nz, y = ny, x = nx of the run's grid;
 *   - time(time): "<unit> since YYYY-MM-DD[ hh:mm[:ss]][Z| UTC]" with unit seconds,
 *     minutes, hours or days, calendar standard/gregorian/proleptic_gregorian (or absent);
 *     strictly increasing;
 *   - per species either <SPECIES>_3d(time, lev, y, x) (preferred) or <SPECIES>(time, lev,
 *     y, x), units "ppb" (dry-air mole fraction), float or double, values >= 0 and finite;
 *   - optional, checked when present: lev(lev) = the layer-mid eta of the run (1e-5),
 *     lat(y, x) / lon(y, x) equal to the met grid's (0.01 deg), and the grid-mapping variable
 *     crs with WRF_MAP_PROJ (equal), standard_parallel (Lambert, 1e-3 deg).
 * Species of the mechanism not in the file are the caller's business (clean profiles).
 * Every error names the file, the dimension/variable/attribute, expected and found. */
#ifndef TF_BC_FILE_H
#define TF_BC_FILE_H
#include "model/core/tf_error.h"
#include "model/grid/grid.h"

typedef struct tfnc_bcfile tfnc_bcfile;

/* Open path and check it against grid g (dims, time axis, optional lev/lat/lon/crs).
 * Errors: TF_EIO (open/read), TF_EFORMAT (missing/mis-shaped), TF_EINVAL (grid mismatch). */
int tfnc_bc_open(const char *path, const tf_grid *g, tfnc_bcfile **out, tf_err *err);
void tfnc_bc_close(tfnc_bcfile **f);
const char *tfnc_bc_path(const tfnc_bcfile *f);
int tfnc_bc_ntimes(const tfnc_bcfile *f);
/* Time of record i, s since 1970-01-01T00:00:00Z (rounded to whole seconds). */
double tfnc_bc_time(const tfnc_bcfile *f, int i);
/* Does the file hold species sp (as sp_3d or sp)? 1 yes, 0 no (not an error); -1 with err set
 * if a variable of that name exists but is not a valid field (dims, units). */
int tfnc_bc_has_species(const tfnc_bcfile *f, const char *sp, tf_err *err);
/* Records bracketing time t (s since epoch): t = (1-w) time(i) + w time(i+1) with
 * i+1 < ntimes, or i = the matching record and w = 0 (also for a one-record file whose
 * time equals t). Error naming the file's period and t when t is outside the file.
 * tf_time_bracket (model/core/tf_time.h) on the record times. */
int tfnc_bc_bracket(const tfnc_bcfile *f, double t, int *i, double *w, tf_err *err);
/* Read record rec of species sp into out (grid array of g with halo: g->n3 values, ppb).
 * Halo cells outside the file's (global) grid take the nearest cell inside it (clamped
 * indices); halo cells inside it (neighbour ranks) take the file's values. */
int tfnc_bc_read(tfnc_bcfile *f, const char *sp, int rec, double *out, tf_err *err);
#endif
