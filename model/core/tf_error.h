/* tf_error.h — error codes and the error context every fallible Tianfu call fills.
 *
 * Convention (as netCDF-C and SUNDIALS do): a fallible function returns an int status
 * (TF_OK = 0) and, on failure, writes one human-readable message into a tf_err that the
 * caller passes in. Messages say where (file, line, variable, key), what was expected
 * and what was found. Callers add context with tf_err_prefix() on the way up; only the
 * CLI prints, and only main() exits. */
#ifndef TF_ERROR_H
#define TF_ERROR_H
#include <stddef.h>

enum {
  TF_OK = 0,
  TF_EINVAL = 1,   /* bad argument or bad user input (config, file content) */
  TF_EIO = 2,      /* file missing, unreadable, unwritable */
  TF_ENOMEM = 3,   /* allocation failed */
  TF_EFORMAT = 4,  /* file readable but not in the expected format */
  TF_ENUMERIC = 5, /* numerical failure (solver did not converge, NaN) */
  TF_EINTERNAL = 6 /* impossible state reached: a bug */
};

#define TF_ERR_MSG_LEN 2048

typedef struct tf_err {
  int code;
  char msg[TF_ERR_MSG_LEN];
} tf_err;

/* Clear an error context. */
void tf_err_clear(tf_err *e);
/* Set code and message (printf-style); returns code so callers can `return tf_err_set(...)`.
 * e may be NULL (the message is then dropped). */
int tf_err_set(tf_err *e, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Prepend context: "<prefix>: <old message>". Returns e->code. */
int tf_err_prefix(tf_err *e, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Name of a code ("invalid input", "I/O error", ...). */
const char *tf_strerror(int code);

/* Allocation helpers that set TF_ENOMEM with the size requested. Return NULL on failure. */
void *tf_calloc(size_t n, size_t size, tf_err *e);
void *tf_malloc(size_t size, tf_err *e);
#endif
