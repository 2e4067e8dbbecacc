/* emis_file.h — read the gridded emission inventory NetCDF (emis/emissions.nc, format in
 * README.md (Input formats)) into the emis_inventory struct of model/surface/emissions.h. */
#ifndef TF_EMIS_FILE_H
#define TF_EMIS_FILE_H
#include "model/grid/grid.h"
#include "model/surface/emissions.h"

/* Read path into *inv (global grid, kg/h; release with emis_inventory_free()). Checks
 * against the model grid g: dimensions west_east = nx, south_north = ny, global attributes
 * MAP_PROJ, DX, DY, TRUELAT1, TRUELAT2, STAND_LON, and XLAT/XLONG of the owned cells
 * (0.01 deg); the units attribute of every pollutant must be "kg h-1", NOX's mass_basis
 * (if present) "NO2"; profiles must be >= 0 with mean 1 (+-1 %). NH3 may be absent (zero).
 * Errors: TF_EIO (open/read), TF_EFORMAT (missing/mis-shaped variable), TF_EINVAL (grid or
 * units mismatch), each naming the file, variable or attribute, expected and found. */
int tfnc_emis_read(const char *path, const tf_grid *g, emis_inventory *inv, tf_err *err);
#endif
