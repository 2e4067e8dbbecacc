/* chem_vexp.c — a vectorisable exp() for the rate-constant kernels (private, chem_impl.h).
 *
 * exp(x): Cody-Waite reduction x = k ln2 + r with |r| <= ln2/2 (ln2 split in a 32-bit
 * exact high part and a low part, fdlibm e_exp.c constants), Taylor polynomial to r^13
 * (truncation < 5e-18 relative), and 2^k assembled in the exponent bits with the
 * 2^52 + 2^51 rounding trick. Maximum relative error 2.3e-16 (1 ulp) against glibc exp
 * on [-708, 709] (tests/model/chem/test_chem_lu.c); arguments are clamped to that range
 * (rate constants never approach it: exp(-708) = 3e-308).
 * This file is compiled without trapping-math assumptions (pragma below) so that GCC
 * if-converts the clamps and vectorises chem_vexp_row across cells; Tianfu never
 * enables floating-point traps, so nothing observable changes. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("O3", "no-trapping-math")
#endif
#include "model/chem/chem_impl.h"

#include <math.h>
#include <stdint.h>

static inline double vexp(double x)
{
  x = x < -708.0 ? -708.0 : x;
  x = x > 709.0 ? 709.0 : x;
  double kd = floor(x * 1.4426950408889634 + 0.5); /* round(x / ln2) */
  double r = (x - kd * 6.93147180369123816490e-01) - kd * 1.90821492927058770002e-10;
  double p = 1.0 / 6227020800.0; /* 1/13! */
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  union { double d; uint64_t i; } big, two_k;
  big.d = kd + 6755399441055744.0;     /* 2^52 + 2^51: k in the low mantissa bits */
  two_k.i = (big.i + 1023u) << 52;     /* biased exponent k + 1023, mantissa 0 (unsigned: no UB) */
  return p * two_k.d;
}

double chem_vexp_for_tests(double x) { return vexp(x); }

CHEM_HOT void chem_vexp_row(int n, double a, const double *restrict x, double *restrict out)
{
  for (int c = 0; c < n; c++) out[c] = a * vexp(x[c]);
}
