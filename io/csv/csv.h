/* csv.h — a small CSV reader: header row -> columns by name, typed access with
 * "file:line:column" error messages.
 *
 * Format accepted (RFC 4180 subset): comma-separated fields, the first non-comment line is
 * the header; fields may be double-quoted ("a, b" and "" for a literal quote, no newlines
 * inside quotes); lines whose first non-blank character is '#' and blank lines are skipped;
 * CR before LF is dropped; surrounding blanks of unquoted fields are trimmed. Every data row
 * must have exactly as many fields as the header. Line and column numbers in messages are
 * 1-based and refer to the file as written (comments count as lines). */
#ifndef TF_CSV_H
#define TF_CSV_H
#include "model/core/tf_error.h"

typedef struct csv_table {
  char *name;      /* file path (or label) used in messages */
  int ncol, nrow;
  char **header;   /* ncol names */
  char **cell;     /* nrow*ncol strings, row-major */
  int *line;       /* nrow source line numbers */
} csv_table;

/* Read and parse a file. Errors: TF_EIO (unreadable), TF_EFORMAT (no header, wrong field
 * count, unterminated quote), with "path:line: ..." messages. */
int csv_read(const char *path, csv_table **out, tf_err *err);
/* Parse text already in memory; name labels messages. */
int csv_parse(const char *text, const char *name, csv_table **out, tf_err *err);
void csv_destroy(csv_table **t);

/* Column index by exact (case-sensitive) header name, or -1 if absent. */
int csv_col(const csv_table *t, const char *colname);
/* Same, but a missing column is an error "path: missing column 'x' (header has: ...)". */
int csv_require_cols(const csv_table *t, int n, const char *const *names, int *idx, tf_err *err);
/* Cell text (never NULL). */
const char *csv_str(const csv_table *t, int row, int col);
/* Numeric parse of a cell: whole field must be a finite number.
 * Error: "path:line:col: column 'x': expected a number, found 'abc'". */
int csv_double(const csv_table *t, int row, int col, double *v, tf_err *err);
int csv_int(const csv_table *t, int row, int col, int *v, tf_err *err);
/* yes/no, true/false, 1/0, on/off (case-insensitive). */
int csv_bool(const csv_table *t, int row, int col, int *v, tf_err *err);
/* Check a value read from (row, col) against [lo, hi]; message names file:line:column. */
int csv_check_range(const csv_table *t, int row, int col, double v, double lo, double hi,
                    tf_err *err);
/* Copy cell text into buf (size n); error if it does not fit or (nonempty) is empty. */
int csv_copy_str(const csv_table *t, int row, int col, char *buf, int n, int nonempty,
                 tf_err *err);
#endif
