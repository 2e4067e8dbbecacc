/* config_impl.h — internals shared by config.c (loader) and config_help.c (help printer):
 * how a table row describes its type, allowed values and unit in words. Not public API. */
#ifndef TF_IO_CONFIG_IMPL_H
#define TF_IO_CONFIG_IMPL_H
#include <stddef.h>
#include "io/config/config.h"

/* Short type name for the help: "int", "double", "bool", "enum", "time", "path", ... */
const char *cfgi_type_name(const cfg_key *r);
/* Allowed values in words: "1..744", "> 0", ">= 0", "ros2, ros3, rodas3, rodas4",
 * "on/off", "ISO 8601", "path or builtin name", "" when anything goes. */
void cfgi_allowed(const cfg_key *r, char *buf, size_t n);
/* The "expected ..." phrase of error messages: "an integer in 1..744 (h)". */
void cfgi_expected(const cfg_key *r, char *buf, size_t n);
/* Row index of the section row of `section` for `kind`, or -1. */
int cfgi_find_section(int kind, const char *section);
/* Row index of `section`/`key` for `kind`, or -1. */
int cfgi_find_key(int kind, const char *section, const char *key);
#endif
