/* atomic_file.c — ".partial then rename" output files (see atomic_file.h). */
#include "io/csv/atomic_file.h"
#include <errno.h>
#include <string.h>

int tfio_partial_path(const char *final, char *buf, size_t n, tf_err *err)
{
  int len = snprintf(buf, n, "%s.partial", final);
  if (len < 0 || (size_t)len >= n)
    return tf_err_set(err, TF_EINVAL, "%s: output path too long (%zu bytes max)", final, n);
  return TF_OK;
}

int tfio_commit(const char *partial, const char *final, tf_err *err)
{
  if (rename(partial, final) != 0) {
    int e = errno;
    remove(partial);
    return tf_err_set(err, TF_EIO, "cannot rename %s to %s: %s", partial, final, strerror(e));
  }
  return TF_OK;
}

void tfio_discard(const char *partial) { remove(partial); }

FILE *tfio_fopen_partial(const char *final, char *partial, size_t n, tf_err *err)
{
  if (tfio_partial_path(final, partial, n, err)) return NULL;
  FILE *f = fopen(partial, "w");
  if (!f) tf_err_set(err, TF_EIO, "cannot write %s: %s", partial, strerror(errno));
  return f;
}

int tfio_fclose_commit(FILE *f, const char *partial, const char *final, tf_err *err)
{
  int bad = ferror(f);
  if (fclose(f) != 0 || bad) {
    tfio_discard(partial);
    return tf_err_set(err, TF_EIO, "%s: write failed", partial);
  }
  return tfio_commit(partial, final, err);
}
