/* tf_error.c — see tf_error.h. */
#include "model/core/tf_error.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tf_err_clear(tf_err *e)
{
  if (!e) return;
  e->code = TF_OK;
  e->msg[0] = '\0';
}

int tf_err_set(tf_err *e, int code, const char *fmt, ...)
{
  if (!e) return code;
  e->code = code;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(e->msg, sizeof e->msg, fmt, ap);
  va_end(ap);
  return code;
}

int tf_err_prefix(tf_err *e, const char *fmt, ...)
{
  if (!e) return TF_EINTERNAL;
  char pre[TF_ERR_MSG_LEN], old[TF_ERR_MSG_LEN];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(pre, sizeof pre, fmt, ap);
  va_end(ap);
  memcpy(old, e->msg, sizeof old);
  /* "pre: old", truncated to the message buffer (explicit, so the truncation is intended) */
  const char *parts[3] = {pre, ": ", old};
  size_t n = 0, room = sizeof e->msg - 1;
  for (int i = 0; i < 3; i++) {
    size_t k = strnlen(parts[i], room - n);
    memcpy(e->msg + n, parts[i], k);
    n += k;
  }
  e->msg[n] = '\0';
  return e->code;
}

const char *tf_strerror(int code)
{
  switch (code) {
  case TF_OK: return "success";
  case TF_EINVAL: return "invalid input";
  case TF_EIO: return "I/O error";
  case TF_ENOMEM: return "out of memory";
  case TF_EFORMAT: return "bad file format";
  case TF_ENUMERIC: return "numerical failure";
  case TF_EINTERNAL: return "internal error";
  default: return "unknown error";
  }
}

void *tf_calloc(size_t n, size_t size, tf_err *e)
{
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) tf_err_set(e, TF_ENOMEM, "cannot allocate %zu x %zu bytes", n, size);
  return p;
}

void *tf_malloc(size_t size, tf_err *e)
{
  void *p = malloc(size ? size : 1);
  if (!p) tf_err_set(e, TF_ENOMEM, "cannot allocate %zu bytes", size);
  return p;
}
