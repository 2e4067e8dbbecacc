/* test_atomic_file.c — ".partial then rename" output files (io/csv/atomic_file): a commit
 * makes the final file appear with its content and leaves no .partial; a discard leaves no
 * final file; a missing directory is refused naming the path; a too-long path is refused. */
#include "tf_test.h"
#include "io/csv/atomic_file.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int exists(const char *p) { return access(p, F_OK) == 0; }

int main(void)
{
  char dir[512], final[700], partial[720], line[64];
  tf_err e;
  tf_tmp_dir("test_atomic_file", dir, sizeof dir);

  /* commit: content under the final name, no .partial left */
  snprintf(final, sizeof final, "%s/table.csv", dir);
  remove(final);
  FILE *f = tfio_fopen_partial(final, partial, sizeof partial, &e);
  TF_EXPECT(f != NULL);
  TF_EXPECT(strcmp(partial + strlen(partial) - 8, ".partial") == 0 && exists(partial) && !exists(final));
  fprintf(f, "a,b\n1,2\n");
  TF_EXPECT(tfio_fclose_commit(f, partial, final, &e) == TF_OK);
  TF_EXPECT(exists(final) && !exists(partial));
  FILE *r = fopen(final, "r");
  TF_EXPECT(r && fgets(line, sizeof line, r) && strcmp(line, "a,b\n") == 0);
  if (r) fclose(r);

  /* discard: no final file, no partial */
  snprintf(final, sizeof final, "%s/abandoned.csv", dir);
  remove(final);
  f = tfio_fopen_partial(final, partial, sizeof partial, &e);
  TF_EXPECT(f != NULL);
  fputs("x\n", f);
  fclose(f);
  tfio_discard(partial);
  TF_EXPECT(!exists(final) && !exists(partial));

  /* a directory that does not exist: the message names the path */
  snprintf(final, sizeof final, "%s/no-such-dir/out.csv", dir);
  TF_EXPECT(tfio_fopen_partial(final, partial, sizeof partial, &e) == NULL && e.code == TF_EIO &&
            strstr(e.msg, "no-such-dir/out.csv.partial"));
  /* commit of a missing partial: both paths named */
  TF_EXPECT(tfio_commit(partial, final, &e) == TF_EIO && strstr(e.msg, "out.csv.partial") &&
            strstr(e.msg, " to ") && strstr(e.msg, "no-such-dir/out.csv:"));
  /* path too long for the buffer */
  char small[8];
  TF_EXPECT(tfio_partial_path("abcdef", small, sizeof small, &e) == TF_EINVAL && strstr(e.msg, "abcdef"));
  return tf_test_exit();
}
