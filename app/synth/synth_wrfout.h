/* synth_wrfout.h — write synth_met frames as a WRF ARW output file (wrfout_d01_<time>):
 * WRF variable names, dimensions, attributes (FieldType, MemoryOrder, description, units,
 * stagger, coordinates) and global attributes, one file per day with hourly frames. */
#ifndef SYNTH_WRFOUT_H
#define SYNTH_WRFOUT_H
#include "app/synth/synth_met.h"

typedef struct synth_wrfout synth_wrfout;

/* Create path (written as path.partial, renamed on close). sim_start is the WRF time
 * string of the episode start ("2022-08-10_00:00:00"). compress: netCDF-4 classic model
 * with shuffle + deflate level 1; else 64-bit-offset classic format. */
int synth_wrfout_open(synth_wrfout **out, const char *path, const synth_met *m, double start_s,
                      int compress, tf_err *err);
/* Append the current frame of m (m->time_s) as the next Time record. */
int synth_wrfout_write(synth_wrfout *w, const synth_met *m, tf_err *err);
/* Close and rename to the final name. With err == NULL the file is abandoned: closed and
 * its partial file removed (error paths). */
int synth_wrfout_close(synth_wrfout **w, tf_err *err);
#endif
