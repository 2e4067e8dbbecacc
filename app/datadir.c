/* datadir.c — see datadir.h. */
#include "datadir.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

const char *tf_data_dir(void)
{
  const char *d = getenv("TIANFU_DATA_DIR");
  return d && *d ? d : TIANFU_SOURCE_DIR "/configs";
}

const char *tf_data_path(char *buf, size_t n, const char *rel)
{
  snprintf(buf, n, "%s/%s", tf_data_dir(), rel);
  return buf;
}

const char *tf_resolve_builtin(char *buf, size_t n, int is_builtin, const char *value, const char *fmt)
{
  if (!is_builtin) {
    snprintf(buf, n, "%s", value);
    return buf;
  }
  char rel[512];
  snprintf(rel, sizeof rel, fmt, value, value);
  return tf_data_path(buf, n, rel);
}

int tf_file_exists(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}
