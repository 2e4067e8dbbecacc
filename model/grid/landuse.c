/* landuse.c — USGS 24-class land-use tables (see landuse.h).
 *
 * Roughness: WRF run/LANDUSE.TBL, USGS, SUMMER, SFZ0 in cm, classes 1..24 (class 23 bare
 * ground tundra is 10 cm in summer; 5 cm is its WINTER value, which drydep.c had).
 * Wesely type: USGS 24 -> Wesely 11, WRF-Chem module_dep_simple (wrf2mz_lt_map): 1 urban->1
 * urban; 2-5 crops->2 agricultural; 6 crop/wood mosaic->4 deciduous forest; 7-10 grass,
 * shrub, savanna->3 range; 11 deciduous broadleaf->4; 12 deciduous needleleaf->5
 * coniferous; 13 evergreen broadleaf->4; 14 evergreen needleleaf->5; 15 mixed forest->6;
 * 16 water->7; 17 herbaceous wetland->9; 18 wooded wetland->6; 19 barren->8; 20 herbaceous
 * tundra->9; 21, 22 wooded/mixed tundra->6; 23 bare tundra->8; 24 snow/ice->8 barren
 * (WRF-Chem maps it to 0 and treats snow separately; barren is Tianfu's choice: no
 * vegetation uptake). */
#include "model/grid/landuse.h"
#include "model/grid/grid.h"

static const double z0_cm[TF_LU_NCLASS] = {80, 15, 10, 15, 14, 20, 12, 5, 6, 15, 50, 50,
                                           50, 50, 50, 0.01, 20, 40, 1, 10, 30, 15, 10, 0.1};

static const int wesely[TF_LU_NCLASS] = {1, 2, 2, 2, 2, 4, 3, 3, 3, 3, 4, 5,
                                         4, 5, 6, 7, 9, 6, 8, 9, 6, 6, 8, 8};

static int known(int usgs) { return usgs >= 1 && usgs <= TF_LU_NCLASS ? usgs : TF_LU_GRASSLAND; }

double lu_roughness_m(int usgs) { return z0_cm[known(usgs) - 1] * 0.01; }

int lu_wesely_type(int usgs) { return wesely[known(usgs) - 1]; }
