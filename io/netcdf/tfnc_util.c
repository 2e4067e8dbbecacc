/* tfnc_util.c — NetCDF helpers shared by io/netcdf (see tfnc_util.h). */
#include "io/netcdf/tfnc_util.h"
#include <errno.h>
#include <netcdf.h>
#include <stdio.h>
#include <string.h>

int tfnc_fail(int status, tf_err *err, const char *path, const char *what)
{
  if (status == NC_NOERR) return TF_OK;
  return tf_err_set(err, TF_EIO, "%s: %s: %s", path, what, nc_strerror(status));
}

int tfnc_att_double(int ncid, int varid, const char *name, double *v)
{
  nc_type t;
  size_t len;
  if (nc_inq_att(ncid, varid, name, &t, &len) != NC_NOERR || len < 1 || t == NC_CHAR ||
      t == NC_STRING)
    return 1;
  double buf[16];
  if (len > 16) return 1;
  if (nc_get_att_double(ncid, varid, name, buf) != NC_NOERR) return 1;
  *v = buf[0];
  return 0;
}

int tfnc_att_text(int ncid, int varid, const char *name, char *buf, size_t n)
{
  nc_type t;
  size_t len;
  if (n == 0 || nc_inq_att(ncid, varid, name, &t, &len) != NC_NOERR || t != NC_CHAR) return 1;
  char tmp[4096];
  if (len >= sizeof tmp) return 1;
  if (nc_get_att_text(ncid, varid, name, tmp) != NC_NOERR) return 1;
  tmp[len] = '\0';
  snprintf(buf, n, "%s", tmp);
  return 0;
}
