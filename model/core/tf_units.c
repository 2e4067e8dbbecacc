/* tf_units.c — see tf_units.h. The Kelvin form (t - 29.65 in the denominator) is the one
 * the dry deposition of the forecast has always used; keep it so forecasts stay bitwise. */
#include "model/core/tf_units.h"
#include <math.h>

double tf_esat_pa(double t_k)
{
  return 611.2 * exp(17.67 * (t_k - 273.15) / (t_k - 29.65));
}
