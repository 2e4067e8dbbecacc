/* daily_file.h — reader of Tianfu's own daily product file (<stem>_daily.nc, written by
 * tianfu run): the cell-centre lat/lon and per-Beijing-day 2-D fields such as O3_MDA8 and
 * O3_MAX1H (µg/m3), for the bulletin's maps. Days are named from time_bnds[d][0] and the
 * time units ("hours since YYYY-MM-DD HH:MM:SS", UTC) shifted to Beijing time (UTC+8). */
#ifndef TFNC_DAILY_FILE_H
#define TFNC_DAILY_FILE_H
#include "model/core/tf_error.h"

typedef struct tfnc_daily {
  char path[1024];
  int ncid;
  int nx, ny, nday;
  double *lat, *lon;     /* [ny*nx], cell (i, j) at [i + nx j], degrees */
  char (*date)[11];      /* [nday] YYYY-MM-DD (Beijing) */
} tfnc_daily;

int tfnc_daily_open(const char *path, tfnc_daily **out, tf_err *err);
/* Field `name` of day d into out[ny*nx]; _FillValue and non-finite values -> NaN. */
int tfnc_daily_field(tfnc_daily *f, const char *name, int d, double *out, tf_err *err);
void tfnc_daily_close(tfnc_daily **f);
#endif
