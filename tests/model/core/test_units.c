/* test_units.c — tf_esat_pa (Bolton 1980 eq. 10) against published saturation vapour
 * pressures over water. References: es(0 C) = 611.2 Pa by construction of Bolton's fit;
 * WMO-No. 8 (2018) Annex 4.B / Smithsonian tables: es(20 C) = 2338 Pa, es(30 C) = 4243 Pa,
 * es(-10 C) = 286.3 Pa (over water); Bolton quotes 0.3 % accuracy for -35..35 C.
 * The box model and the synthetic case used the Celsius form 611.2 exp(17.67 tc/(tc+243.5))
 * before; against the Kelvin form used here it differs by at most a few ulp (checked below
 * below 4e-15 relative over 200..330 K, i.e. ~9 ulp at most). */
#include "tf_test.h"
#include "model/core/tf_units.h"
#include <math.h>

int main(void)
{
  tf_check("esat_273.15K_Pa", tf_esat_pa(273.15), 611.2, 1e-12);
  tf_check_rel("esat_293.15K_Pa", tf_esat_pa(293.15), 2338.0, 3e-3);
  tf_check_rel("esat_303.15K_Pa", tf_esat_pa(303.15), 4243.0, 3e-3);
  tf_check_rel("esat_263.15K_Pa", tf_esat_pa(263.15), 286.3, 3e-3);
  double maxrel = 0.0;
  for (double t = 200.0; t <= 330.0; t += 0.37) {
    double tc = t - 273.15, celsius = 611.2 * exp(17.67 * tc / (tc + 243.5));
    maxrel = fmax(maxrel, fabs(tf_esat_pa(t) / celsius - 1.0));
    TF_EXPECT(tf_esat_pa(t + 0.1) > tf_esat_pa(t));
  }
  tf_check_le("esat_kelvin_vs_celsius_form_rel", maxrel, 4e-15);
  return tf_test_exit();
}
