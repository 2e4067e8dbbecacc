/* tf_units.h — small thermodynamic formulas shared by the model, the box and the synthetic
 * case, one home each (constants are in tf_const.h).
 *
 * tf_esat_pa: saturation vapour pressure over liquid water, Pa, from temperature in K.
 *   Bolton (1980, Mon. Wea. Rev. 108, 1046) eq. 10: es = 611.2 exp(17.67 T_c / (T_c + 243.5)),
 *   T_c in deg C, written with T in K as 611.2 exp(17.67 (T - 273.15) / (T - 29.65)); accurate
 *   to 0.3 % between -35 and 35 deg C. */
#ifndef TF_UNITS_H
#define TF_UNITS_H

double tf_esat_pa(double t_k);
#endif
