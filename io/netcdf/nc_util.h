/* nc_util.h — small NetCDF helpers shared by the WRF reader, the CF writer and restart
 * files: netCDF status -> tf_err translation, attribute reading, and the "write to a
 * temporary name, rename when complete" protocol that keeps a killed run from leaving a
 * file that looks complete. */
#ifndef TF_NC_UTIL_H
#define TF_NC_UTIL_H
#include <stddef.h>
#include "model/core/tf_error.h"

/* If status != NC_NOERR: set err to "<path>: <what>: <nc_strerror(status)>" with code
 * TF_EIO (open/create/write) and return it; else return TF_OK. */
int nc_fail(int status, tf_err *err, const char *path, const char *what);
/* Global or variable (varid) attribute as double / text; return nonzero if absent or of
 * the wrong kind. Text is NUL-terminated and truncated to n-1 characters. */
int nc_att_double(int ncid, int varid, const char *name, double *v);
int nc_att_text(int ncid, int varid, const char *name, char *buf, size_t n);
#endif
