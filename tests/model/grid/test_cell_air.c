/* test_cell_air.c — the cell dry-air mass of model/grid/grid.h against a hand computation
 * and column mass conservation.
 * Hand value: mu = 90000 Pa, deta = 0.02, g = 9.81 m s-2 (WRF), dx = dy = 36 km, m = 1.05:
 * 90000 * 0.02 / 9.81 = 183.486239 kg m-2; area 36000^2 / 1.05^2 = 1.17551020e9 m2;
 * mass 2.15689946e11 kg = 7.44672583e12 mol (M_air 28.9644 g/mol).
 * Column: the layer masses sum to mu (eta_w[0] - eta_w[nz]) / g to round-off (1e-14 rel).
 * Giving the product one operation order ((mu deta / g) (dx dy / m^2)) moved the 36 km
 * forecast in the last bits only: restart concentrations max rel 3.7e-13, budget CSV
 * columns max rel 4.7e-9 (in_top_mol) and 1.7e-12 (chemistry_mol); budget residual_rel stays
 * at ~4e-14 (forecast_checks / bc_checks bound it at 1e-10); NetCDF outputs unchanged. */
#include "tf_test.h"
#include "model/core/tf_const.h"
#include "model/grid/grid.h"
#include <math.h>

int main(void)
{
  double kgm2 = grid_air_kgm2(90000.0, 0.02);
  tf_check_rel("air_kgm2", kgm2, 90000.0 * 0.02 / 9.81, 1e-15);
  tf_check_rel("cell_area_m2", grid_cell_area_m2(36000.0, 36000.0, 1.05), 1.1755102040816326e9, 1e-15);
  double kg = grid_cell_air_kg(90000.0, 0.02, 36000.0, 36000.0, 1.05);
  tf_check_rel("cell_air_kg", kg, 2.156899457e11, 1e-10);
  tf_check_rel("cell_air_mol", grid_cell_air_mol(90000.0, 0.02, 36000.0, 36000.0, 1.05), kg / 28.9644e-3, 1e-15);
  /* an unset map factor (0) counts as 1 */
  TF_EXPECT(grid_cell_area_m2(1000.0, 2000.0, 0.0) == 2.0e6);
  /* column: sum over layers of mu deta / g = mu (1 - 0) / g */
  const double eta[] = {1.0, 0.993, 0.983, 0.97, 0.954, 0.934, 0.909, 0.88, 0.8, 0.6, 0.3, 0.0};
  const int nz = (int)(sizeof eta / sizeof eta[0]) - 1;
  double col = 0.0;
  for (int k = 0; k < nz; k++) col += grid_cell_air_kg(87000.0, eta[k] - eta[k + 1], 12000.0, 12000.0, 0.98);
  tf_check_rel("column_air_kg", col, 87000.0 / TF_G * 12000.0 * 12000.0 / (0.98 * 0.98), 1e-14);
  return tf_test_exit();
}
