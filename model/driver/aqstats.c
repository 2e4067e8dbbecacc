/* aqstats.c — daily ozone statistics (max 1-h, MDA8) by the rules in aqstats.h. */
#include "model/driver/aqstats.h"
#include <math.h>

void aq_day_o3_stats(const double *hourly, const unsigned char *valid, aq_day_o3 *out)
{
  out->max1h = NAN; out->max1h_hour = 0; out->mda8 = NAN; out->mda8_end_hour = 0;
  out->nwindows = 0; out->nhours = 0; out->mda8_valid = 0;
  for (int h = 1; h <= 24; h++) {
    if (!valid[h - 1]) continue;
    out->nhours++;
    if (!(hourly[h - 1] <= out->max1h)) { /* NaN-safe: first valid value wins */
      out->max1h = hourly[h - 1];
      out->max1h_hour = h;
    }
  }
  for (int end = 8; end <= 24; end++) {
    double sum = 0.0;
    int n = 0;
    for (int h = end - 7; h <= end; h++)
      if (valid[h - 1]) { sum += hourly[h - 1]; n++; }
    if (n < AQ_MIN_HOURS_8H) continue;
    double avg = sum / n;
    out->nwindows++;
    if (!(avg <= out->mda8)) { out->mda8 = avg; out->mda8_end_hour = end; }
  }
  out->mda8_valid = out->nwindows >= AQ_MIN_WINDOWS_MDA8 ||
                    (out->nwindows > 0 && out->mda8 > AQ_O3_8H_LIMIT_II);
}
