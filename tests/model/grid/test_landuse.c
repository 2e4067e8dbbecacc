/* test_landuse.c — the USGS land-use tables of model/grid/landuse.c against their sources.
 * Roughness: WRF run/LANDUSE.TBL (github.com/wrf-model/WRF), section USGS, SUMMER, column
 * SFZ0 in cm: 1 urban 80, 2 dryland crop 15, 7 grassland 12, 14 evergreen needleleaf 50,
 * 16 water 0.01, 19 barren 1, 23 bare ground tundra 10, 24 snow/ice 0.1.
 * Wesely type: WRF-Chem module_dep_simple wrf2mz_lt_map (urban 1, agricultural 2, range 3,
 * deciduous 4, coniferous 5, mixed 6, water 7, barren 8, wetland 9). */
#include "tf_test.h"
#include "model/grid/grid.h"
#include "model/grid/landuse.h"

int main(void)
{
  static const struct { int cl; double z0_cm; int wesely; } ref[] = {
    {TF_LU_URBAN, 80.0, 1},       {TF_LU_DRY_CROP, 15.0, 2},   {TF_LU_GRASSLAND, 12.0, 3},
    {TF_LU_EVERG_NEEDLE, 50.0, 5}, {TF_LU_WATER, 0.01, 7},     {TF_LU_BARREN, 1.0, 8},
    {TF_LU_BARE_TUNDRA, 10.0, 8},  {TF_LU_SNOW_ICE, 0.1, 8},   {TF_LU_MIXED_FOREST, 50.0, 6}};
  char name[64];
  for (size_t k = 0; k < sizeof ref / sizeof ref[0]; k++) {
    snprintf(name, sizeof name, "z0_usgs%d_m", ref[k].cl);
    tf_check(name, lu_roughness_m(ref[k].cl), ref[k].z0_cm * 0.01, 1e-15);
    TF_EXPECT_MSG(lu_wesely_type(ref[k].cl) == ref[k].wesely, "class %d", ref[k].cl);
  }
  /* every class has a positive roughness and a Wesely type 1..11 */
  for (int c = 1; c <= TF_LU_NCLASS; c++) {
    TF_EXPECT(lu_roughness_m(c) > 0.0 && lu_roughness_m(c) <= 0.8);
    TF_EXPECT(lu_wesely_type(c) >= 1 && lu_wesely_type(c) <= 11);
  }
  /* an unknown class is grassland in every table */
  TF_EXPECT(lu_roughness_m(0) == lu_roughness_m(TF_LU_GRASSLAND));
  TF_EXPECT(lu_roughness_m(99) == lu_roughness_m(TF_LU_GRASSLAND));
  TF_EXPECT(lu_wesely_type(-1) == lu_wesely_type(TF_LU_GRASSLAND));
  return tf_test_exit();
}
