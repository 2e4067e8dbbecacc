/* atomic_file.c — ".partial then rename" output files (see atomic_file.h). */
#define _XOPEN_SOURCE 700 /* nftw, symlink */
#include "io/csv/atomic_file.h"
#include <errno.h>
#include <ftw.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int tfio_mkdir_p(const char *dir, tf_err *err)
{
  char tmp[4096];
  if (snprintf(tmp, sizeof tmp, "%s", dir) >= (int)sizeof tmp)
    return tf_err_set(err, TF_EINVAL, "%s: path too long", dir);
  for (char *p = tmp + 1; *p; p++)
    if (*p == '/') {
      *p = '\0';
      mkdir(tmp, 0777);
      *p = '/';
    }
  if (mkdir(tmp, 0777) != 0) {
    int e = errno;
    struct stat st;
    if (stat(tmp, &st) != 0 || !S_ISDIR(st.st_mode))
      return tf_err_set(err, TF_EIO, "cannot create folder %s: %s", dir, strerror(e));
  }
  return TF_OK;
}

static char remove_failed[4096];
static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
  (void)sb; (void)flag; (void)ftw;
  if (remove(path) != 0 && errno != ENOENT) {
    snprintf(remove_failed, sizeof remove_failed, "%s: %s", path, strerror(errno));
    return 1;
  }
  return 0;
}

int tfio_remove_tree(const char *path, tf_err *err)
{
  struct stat st;
  if (lstat(path, &st) != 0) return TF_OK;
  remove_failed[0] = '\0';
  if (nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
    return tf_err_set(err, TF_EIO, "cannot remove %s", remove_failed[0] ? remove_failed : path);
  return TF_OK;
}

int tfio_symlink_swap(const char *target, const char *link, tf_err *err)
{
  char tmp[4096];
  int rc = tfio_partial_path(link, tmp, sizeof tmp, err);
  if (rc) return rc;
  remove(tmp);
  if (symlink(target, tmp) != 0)
    return tf_err_set(err, TF_EIO, "cannot make the link %s -> %s: %s", tmp, target, strerror(errno));
  return tfio_commit(tmp, link, err);
}
