/* test_box_errors.c — `tianfu box` input errors are one line naming file:line, the
 * section and the key, with expected vs found (house rule; app/box.c, io/config). */
#include <stdio.h>
#include <string.h>
#include "tf_test.h"
#include "box.h"

static void expect_error(const char *dir, const char *name, const char *text, const char *want1,
                         const char *want2)
{
  char path[1200];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  TF_EXPECT(f != NULL);
  if (!f) return;
  fputs(text, f);
  fclose(f);
  tf_err err;
  tf_err_clear(&err);
  box_model *b = NULL;
  b = box_create(path, &err);
  int rc = b ? TF_OK : err.code;
  TF_EXPECT_MSG(rc != TF_OK && b == NULL, "%s: expected an error", name);
  TF_EXPECT_MSG(strstr(err.msg, want1) != NULL, "message '%s' lacks '%s'", err.msg, want1);
  TF_EXPECT_MSG(strstr(err.msg, want2) != NULL, "message '%s' lacks '%s'", err.msg, want2);
  TF_EXPECT_MSG(strchr(err.msg, '\n') == NULL, "message '%s' is not one line", err.msg);
  box_destroy(&b);
}

int main(void)
{
  char dir[1024];
  tf_tmp_dir("test_box_errors", dir, sizeof dir);
  const char *head = "[box]\nmechanism = nox_o3_voc\nstart = 2022-08-10T00:00:00Z\n";
  char t[1024];
  snprintf(t, sizeof t, "%s[initial]\nNOO = 3\n", head);
  expect_error(dir, "species.ini", t, "species.ini:5: [initial] 'NOO'", "did you mean 'NO'");
  snprintf(t, sizeof t, "%sphotolysis = fixed\n[photolysis]\nJ(NO3) = 1e-3\n", head);
  expect_error(dir, "phot.ini", t, "phot.ini:6: [photolysis] 'J(NO3)'", "did you mean 'J(NO2)'");
  snprintf(t, sizeof t, "%s[emissions]\nM = 1\n", head);
  expect_error(dir, "emis.ini", t, "emis.ini:5: [emissions] 'M' is a fixed species", "variable");
  expect_error(dir, "mech.ini", "[box]\nmechanism = cb99\nstart = 2022-08-10T00:00:00Z\n",
               "mech.ini:2: [box] mechanism", "cb99");
  expect_error(dir, "key.ini", "[box]\nmechanism = cb05\nstart = 2022-08-10T00:00:00Z\nsovler = ros3\n",
               "key.ini:4", "sovler");
  return tf_test_exit();
}
