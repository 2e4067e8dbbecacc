/* bulletin_stub.c — TEMPORARY, delete at the merge with main: a weak bulletin_make that
 * writes nothing, so that `tianfu cycle` links on the branch that does not have main's
 * app/bulletin.c yet. CMakeLists.txt leaves this file out as soon as app/bulletin.c exists,
 * and main's strong definition would win over this weak one anyway. */
#include <stdio.h>
#include "model/core/tf_error.h"

__attribute__((weak)) int bulletin_make(const char *forecast, const char *config, const char *const *notes, int nnotes,
                                        FILE *print_to, tf_err *err);
__attribute__((weak)) int bulletin_make(const char *forecast, const char *config, const char *const *notes, int nnotes,
                                        FILE *print_to, tf_err *err)
{
  (void)forecast; (void)config; (void)notes; (void)nnotes; (void)print_to; (void)err;
  return TF_OK;
}
