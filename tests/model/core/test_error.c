/* test_error.c — tf_err: set, prefix chains (the CLI's one-line "file: key: what" message),
 * and explicit truncation of an over-long prefix chain to the message buffer. */
#include "tf_test.h"
#include "model/core/tf_error.h"
#include <string.h>

int main(void)
{
  tf_err e;
  TF_EXPECT(tf_err_set(&e, TF_EINVAL, "expected %d, found %d", 3, 4) == TF_EINVAL);
  TF_EXPECT(tf_err_prefix(&e, "[run] hours") == TF_EINVAL);
  TF_EXPECT(tf_err_prefix(&e, "%s:%d", "run.ini", 7) == TF_EINVAL);
  TF_EXPECT_MSG(strcmp(e.msg, "run.ini:7: [run] hours: expected 3, found 4") == 0, "%s", e.msg);
  /* a prefix that fills the buffer: the message is cut, terminated, and starts with it */
  char big[3 * TF_ERR_MSG_LEN];
  memset(big, 'x', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  tf_err_prefix(&e, "%s", big);
  TF_EXPECT(strlen(e.msg) == TF_ERR_MSG_LEN - 1 && e.msg[0] == 'x');
  /* a prefix of half the buffer keeps the start of the old message */
  tf_err_set(&e, TF_EIO, "cannot read");
  big[TF_ERR_MSG_LEN / 2] = '\0';
  tf_err_prefix(&e, "%s", big);
  TF_EXPECT(strcmp(e.msg + TF_ERR_MSG_LEN / 2, ": cannot read") == 0);
  return tf_test_exit();
}
