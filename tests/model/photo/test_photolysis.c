/* test_photolysis.c — MCM clear-sky J-values (model/photo/photolysis.c).
 * Reference: MCM v3.1 parameters (Saunders et al. 2003; AtChem2 photolysis-rates_v3.1),
 * check values in docs/physics-references.md section 3: J4(NO2) at overhead sun
 * = 1.165e-2 exp(-0.267) = 8.92e-3 s-1 [C, arithmetic]; J1(O1D) 3.78e-5 at 0 deg and
 * 7.03e-6 at 60 deg; J4 5.77e-3 at 60 deg and 3.00e-4 at 85 deg; J11 1.35e-5 at 60 deg. */
#include <math.h>
#include "tf_test.h"
#include "model/core/tf_const.h"
#include "model/photo/photolysis.h"

static double cz(double deg) { return cos(deg * TF_DEG2RAD); }

int main(void)
{
  tf_check_rel("J4_NO2_overhead_s-1", photo_mcm_clear(4, 1.0), 8.92e-3, 1e-3);
  tf_check_rel("J4_NO2_60deg_s-1", photo_mcm_clear(4, cz(60)), 5.77e-3, 2e-3);
  tf_check_rel("J4_NO2_85deg_s-1", photo_mcm_clear(4, cz(85)), 3.00e-4, 5e-3);
  tf_check_rel("J1_O1D_overhead_s-1", photo_mcm_clear(1, 1.0), 3.78e-5, 2e-3);
  tf_check_rel("J1_O1D_60deg_s-1", photo_mcm_clear(1, cz(60)), 7.03e-6, 2e-3);
  tf_check_rel("J11_HCHO_60deg_s-1", photo_mcm_clear(11, cz(60)), 1.35e-5, 4e-3);
  tf_check_rel("J41_CH3OOH_30deg_s-1", photo_mcm_clear(41, cz(30)), 5.02e-6, 2e-3);
  TF_EXPECT(photo_mcm_clear(4, 0.0) == 0.0);
  TF_EXPECT(photo_mcm_clear(4, -0.3) == 0.0);
  TF_EXPECT(photo_mcm_clear(9, 0.5) < 0.0); /* J9 does not exist */

  /* Map + batch + cloud factor. */
  photo_map *pm = NULL;
  tf_err err;
  tf_err_clear(&err);
  int js[3] = {4, 1, 11};
  double sc[3] = {1.0, 1.0, 9.0};
  TF_EXPECT(photo_map_create(&pm, 3, js, sc, &err) == TF_OK);
  TF_EXPECT(photo_map_count(pm) == 3);
  double coszen[4] = {1.0, cz(60), -0.2, 1.0}, ratio[4] = {1.0, 0.5, 1.0, 1.7}, j[12];
  photo_compute(pm, 4, coszen, ratio, j);
  tf_check_rel("map_J4_clear", j[0], 8.92e-3, 1e-3);
  tf_check_rel("map_J4_half_sw", j[1], 0.5 * 5.77e-3, 2e-3);
  TF_EXPECT(j[2] == 0.0 && j[6] == 0.0 && j[10] == 0.0);
  tf_check_rel("map_J4_clamped_ratio", j[3], 8.92e-3, 1e-3);
  tf_check_rel("map_scaled_J11", j[8], 9.0 * photo_mcm_clear(11, 1.0), 1e-12);
  photo_map_destroy(&pm);
  TF_EXPECT(pm == NULL);
  int bad[1] = {10};
  TF_EXPECT(photo_map_create(&pm, 1, bad, sc, &err) == TF_EINVAL && pm == NULL);
  TF_EXPECT_MSG(err.msg[0] != 0, "error message expected");

  /* Clear-sky shortwave: overhead sun near sea level ~1000-1100 W m-2 (Meinel & Meinel
   * 1976: 1.1 * 1361 * 0.7 = 1048 at mean Sun-Earth distance). */
  tf_check("clear_sky_sw_overhead_Wm-2", photo_clear_sky_sw(1.0, 81), 1.1 * 1361.0 * 0.7, 15.0);
  TF_EXPECT(photo_clear_sky_sw(-0.1, 200) == 0.0);
  TF_EXPECT(photo_cloud_factor(NAN) == 0.0 && photo_cloud_factor(0.3) == 0.3);
  return tf_test_exit();
}
