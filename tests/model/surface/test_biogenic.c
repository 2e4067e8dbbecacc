/* test_biogenic.c — Guenther et al. (1993, JGR 98, 12609) isoprene/monoterpene factors.
 *
 * Published normalisation: the light and temperature factors are ~1 at standard
 * conditions (T_S = 303 K, PAR = 1000 µmol m-2 s-1). With the published constants
 * (alpha = 0.0027, C_L1 = 1.066, C_T1 = 95000, C_T2 = 230000 J/mol, T_M = 314 K):
 *   C_L(1000) = 0.0027*1.066*1000/sqrt(1 + 2.7^2) = 2.8782/2.8793 = 0.99964;
 *   C_T(303)  = 1/(1 + exp(230000*(303-314)/(8.3145*303*303))) = 1/(1 + e^-3.3146) = 0.96492
 *   (the T_M term keeps it 3.5 % below 1: checked against 1 at 4 %, and exactly).
 * Other points, by hand (R = 8.3145 J/mol/K, R*303*T):
 *   C_T(313): a = 95000*10/(8.3145*303*313) = 1.2049, b = 230000*(-1)/(...) = -0.2917,
 *             C_T = e^1.2049/(1 + e^-0.2917) = 3.3363/1.7470 = 1.9095 (the G93 maximum region);
 *   C_T(293): a = -950000/(8.3145*303*293) = -1.2871, b = -6.544: C_T = 0.27600/1.00144 = 0.2757;
 *   C_L(500) = 1.4391/sqrt(1 + 1.35^2) = 1.4391/1.6800 = 0.8566; C_L(200) = 0.5065.
 * Monoterpenes: exp(0.09*(T-303)) = 1 at 303 K, e^0.9 = 2.4596 at 313 K.
 * PAR = 0.5 * 4.6 µmol/J * SW: 800 W/m2 -> 1840 µmol m-2 s-1. */
#include <math.h>

#include "model/grid/grid.h"
#include "model/surface/biogenic.h"
#include "tf_test.h"

int main(void)
{
  tf_check("guenther93_CL_at_1000_equals_1", bio_gamma_light(1000.0), 1.0, 1e-3);
  tf_check("guenther93_CT_at_303K_near_1", bio_gamma_temp_isoprene(303.0), 1.0, 0.04);
  tf_check("guenther93_CT_at_303K_hand", bio_gamma_temp_isoprene(303.0), 0.96492, 1e-4);
  tf_check("guenther93_CT_at_313K_hand", bio_gamma_temp_isoprene(313.0), 1.9095, 1e-3);
  tf_check("guenther93_CT_at_293K_hand", bio_gamma_temp_isoprene(293.0), 0.2757, 1e-3);
  tf_check("guenther93_CL_at_500_hand", bio_gamma_light(500.0), 0.8566, 1e-3);
  tf_check("guenther93_CL_at_200_hand", bio_gamma_light(200.0), 0.5065, 1e-3);
  tf_check("guenther93_terpene_at_303K", bio_gamma_temp_terpene(303.0), 1.0, 1e-12);
  tf_check("guenther93_terpene_at_313K", bio_gamma_temp_terpene(313.0), 2.4596, 1e-4);
  tf_check("par_from_sw_800", bio_par_umol(800.0), 1840.0, 1e-9);
  TF_EXPECT(bio_gamma_light(0.0) == 0.0);
  TF_EXPECT(bio_par_umol(-5.0) == 0.0);
  TF_EXPECT(bio_gamma_temp_isoprene(330.0) < bio_gamma_temp_isoprene(313.0)); /* enzyme decline */

  /* flux units: deciduous broadleaf EF 4400 µg C m-2 h-1 at standard conditions ->
   * 4400e-6 g C / 3600 s / (5 * 12.011 g C per mol C5H8) = 2.0351e-8 mol m-2 s-1 */
  double fi, ft, efi, eft;
  bio_emission_factors(TF_LU_DECID_BROAD, &efi, &eft);
  tf_check("ef_isoprene_decid_broadleaf_ugC_m2_h", efi, 4400.0, 0.0);
  bio_flux(TF_LU_DECID_BROAD, 303.0, 1000.0 / 2.3, &fi, &ft);
  tf_check_rel("isoprene_flux_standard_mol_m2_s", fi, 2.0351e-8 * 0.99964 * 0.96492, 1e-4);
  /* 385 µg C m-2 h-1 monoterpenes: 385e-6/3600/120.11 = 8.904e-10 mol m-2 s-1 */
  tf_check_rel("terpene_flux_standard_mol_m2_s", ft, 8.904e-10, 1e-3);
  bio_flux(TF_LU_WATER, 303.0, 800.0, &fi, &ft);
  TF_EXPECT(fi == 0.0 && ft == 0.0);
  bio_flux(TF_LU_DECID_BROAD, 303.0, 0.0, &fi, &ft);
  TF_EXPECT(fi == 0.0 && ft > 0.0);   /* isoprene needs light, monoterpenes do not */
  return tf_test_exit();
}
