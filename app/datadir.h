/* datadir.h — where Tianfu's run-time data (configs/) lives: $TIANFU_DATA_DIR if set, else
 * the configs/ folder of the source tree the executable was built from. */
#ifndef TF_DATADIR_H
#define TF_DATADIR_H
#include <stddef.h>
const char *tf_data_dir(void);
/* buf = <data dir>/<rel>; returns buf. */
const char *tf_data_path(char *buf, size_t n, const char *rel);
/* Resolve a config value that is either a builtin name (cfg_is_builtin) or a path:
 * builtin -> <data dir>/<fmt with name>, e.g. fmt "mechanisms/%s/%s.def". */
const char *tf_resolve_builtin(char *buf, size_t n, int is_builtin, const char *value, const char *fmt);
int tf_file_exists(const char *path);
#endif
