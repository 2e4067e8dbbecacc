/* landuse.h — per-class tables of the USGS 24-category land use (classes TF_LU_* in
 * grid.h), one home for every table indexed by land-use class.
 *
 * Lives in model/grid beside the class enum rather than in model/surface so that both the
 * surface physics (drydep.c) and the WRF reader (io/netcdf links tf_grid, not tf_surface)
 * use the same table. A class outside 1..24 is treated as grassland (TF_LU_GRASSLAND) in
 * every table. */
#ifndef TF_LANDUSE_H
#define TF_LANDUSE_H

/* Summer roughness length z0, m: WRF run/LANDUSE.TBL, section USGS, SUMMER, column SFZ0
 * (cm) / 100. */
double lu_roughness_m(int usgs);
/* Wesely (1989) land-use type 1..11 of a USGS class, the WRF-Chem module_dep_simple
 * mapping (see landuse.c). */
int lu_wesely_type(int usgs);
#endif
