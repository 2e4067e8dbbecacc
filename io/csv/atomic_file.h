/* atomic_file.h — write an output file under "<final>.partial" and rename it to its final
 * name only when complete, so a reader never sees a half-written file and a failed run
 * leaves none behind. rename(2) within one directory is atomic on POSIX file systems; no
 * fsync (a crash of the machine, not of Tianfu, may still lose the file).
 *
 * Lives in io/csv, the lowest io library (it links only tf_core), so that the CSV writers
 * of the app and the NetCDF writers of io/netcdf (tf_io_nc links tf_io_csv) share it. */
#ifndef TF_ATOMIC_FILE_H
#define TF_ATOMIC_FILE_H
#include <stddef.h>
#include <stdio.h>
#include "model/core/tf_error.h"

/* "<final>.partial" into buf (n bytes); TF_EINVAL naming final if it does not fit. */
int tfio_partial_path(const char *final, char *buf, size_t n, tf_err *err);
/* Rename partial -> final. On failure TF_EIO naming both paths (and removes partial). */
int tfio_commit(const char *partial, const char *final, tf_err *err);
/* Remove partial (an abandoned output); a missing file is not an error. */
void tfio_discard(const char *partial);
/* Open "<final>.partial" for writing, its path into partial (n bytes); NULL with TF_EIO
 * naming the partial path and the reason (e.g. a missing directory). */
FILE *tfio_fopen_partial(const char *final, char *partial, size_t n, tf_err *err);
/* Close f (opened by tfio_fopen_partial) and commit it; on a write or close error TF_EIO
 * naming the path, and the partial file is removed. */
int tfio_fclose_commit(FILE *f, const char *partial, const char *final, tf_err *err);

/* Folders (POSIX): the same "build elsewhere, appear by one rename" rule for folders of
 * outputs (tianfu cycle's published days). */
/* Create dir and its missing parents (mkdir -p); TF_EIO naming dir if it cannot be made. */
int tfio_mkdir_p(const char *dir, tf_err *err);
/* Remove path and everything below it (rm -rf; symbolic links are removed, not followed);
 * a missing path is not an error. TF_EIO naming the first entry that could not go. */
int tfio_remove_tree(const char *path, tf_err *err);
/* Point the symbolic link `link` at `target` atomically: a new link "<link>.partial" is
 * renamed over the old one, so a reader finds the old or the new target, never none. */
int tfio_symlink_swap(const char *target, const char *link, tf_err *err);
#endif
