/* tfnc_util.h — small NetCDF helpers shared by the WRF reader, the CF writer, restart,
 * boundary and inventory files: netCDF status -> tf_err translation and attribute
 * reading. The project's NetCDF layer uses the prefix tfnc_ (netCDF's own is nc_); files
 * are written under a .partial name and renamed when complete by io/csv/atomic_file. */
#ifndef TFNC_UTIL_H
#define TFNC_UTIL_H
#include <stddef.h>
#include "model/core/tf_error.h"

/* If status != NC_NOERR: set err to "<path>: <what>: <nc_strerror(status)>" with code
 * TF_EIO (open/create/write) and return it; else return TF_OK. */
int tfnc_fail(int status, tf_err *err, const char *path, const char *what);
/* Global or variable (varid) attribute as double / text; return nonzero if absent or of
 * the wrong kind. Text is NUL-terminated and truncated to n-1 characters. */
int tfnc_att_double(int ncid, int varid, const char *name, double *v);
int tfnc_att_text(int ncid, int varid, const char *name, char *buf, size_t n);
#endif
