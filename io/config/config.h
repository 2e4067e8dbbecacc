/* config.h — Tianfu's INI configuration: one table of keys, a validating loader, getters.
 *
 * Every key of every config kind lives in ONE table (config_table.c, `cfg_table()`): section,
 * key, type, unit, bounds, default, required flag, cross-key rules and help text. The same
 * table validates files (`cfg_load`), prints `tianfu help config` (`cfg_print_help`, text or
 * Markdown for the README) and fills defaults (`cfg_dump`). Files are parsed with libinih
 * (ini_parse_stream with a line-counting reader, so every value knows its line).
 *
 * Errors: cfg_load stops at the FIRST problem and reports it in one line that names the file,
 * line, [section] and key, what was expected and what was found, with "did you mean" for
 * near-miss keys/sections/enum words, e.g.
 *   run.ini:7: [chemistry] key 'sovler' is unknown (did you mean 'solver'?)
 *   run.ini:12: [run] hours = 0: expected an integer in 1..744 (h), found 0
 *
 * Value conventions:
 *   - An empty value (`restart_from =`) means "not set": the default applies (an error for
 *     a required key).
 *   - path: a relative path is resolved against the folder of the config file; the stored
 *     value is then absolute (starts with '/'). Keys whose help says "builtin" also accept a
 *     bare name (letters, digits, '_', '-', no '/' and no '.'), kept as is: cfg_is_builtin().
 *     Existence is NOT checked here (the caller reports "file not found" using cfg_line()).
 *   - list / path list: words separated by spaces and/or commas. A list may continue on
 *     following lines that start with whitespace and contain no '='. Path lists are resolved
 *     like paths (globs are not expanded here).
 *   - bool: on/off, true/false, yes/no, 1/0 (case-insensitive).
 *   - time: ISO 8601 (tf_time_parse), stored as seconds since 1970-01-01T00:00:00Z.
 *   - map sections ([initial], [photolysis], box [emissions]): free keys (species or J names)
 *     with numeric values; the names are checked later by the caller against the mechanism.
 *   - Lines longer than libinih's line buffer (about 200 characters) are an error.
 *
 * Programming errors: asking a getter for a section/key that is not in the table for the
 * file's kind, or with a getter of the wrong type (cfg_get_int on a double key), is an
 * impossible state in correct code: the getter prints one line to stderr and calls abort().
 * The unit test walks the table so every key is reachable.
 *
 * Adding a key or a section (e.g. the planned [scenario] emission cuts by sector, species,
 * region or project list) is a table change only: add rows to config_table.c. Nothing else
 * in the loader, help or dump changes. */
#ifndef TF_IO_CONFIG_H
#define TF_IO_CONFIG_H
#include <stdio.h>
#include "model/core/tf_error.h"

/* Config kinds: which rows of the table a file is validated against. */
enum {
  CFG_KIND_RUN = 1, /* tianfu run / tianfu check: [run] [met] [chemistry] [emissions] ... */
  CFG_KIND_BOX = 2, /* tianfu box: [box] [initial] [photolysis] [emissions] */
  CFG_KIND_SCENARIO = 4, /* tianfu scenario: [scenarios] [region NAME] [measure NAME] [scenario NAME] */
  CFG_KIND_BULLETIN = 8, /* tianfu bulletin --config: [bulletin] [warning NAME] */
  CFG_KIND_LAST = CFG_KIND_BULLETIN,
  CFG_KIND_ALL = 15 /* only for cfg_print_help: every kind */
};

typedef enum {
  CFG_SECTION = 0, /* a section row (key == NULL): order and help of a fixed-key section */
  CFG_MAP,         /* a section row for a free-form section: any name -> double */
  CFG_STRING,
  CFG_PATH,
  CFG_INT,
  CFG_DOUBLE,
  CFG_BOOL,
  CFG_ENUM,
  CFG_TIME,
  CFG_LIST,     /* words */
  CFG_PATH_LIST /* paths or globs, resolved like CFG_PATH */
} cfg_type;

/* Row flags. */
enum {
  CFG_REQUIRED = 1 << 0, /* must be set (non-empty) in the file */
  CFG_HAS_MIN = 1 << 1,  /* numeric lower bound `min` applies */
  CFG_HAS_MAX = 1 << 2,  /* numeric upper bound `max` applies */
  CFG_MIN_OPEN = 1 << 3, /* lower bound is exclusive: value > min */
  CFG_BUILTIN = 1 << 4,  /* path that may also be a bare builtin name */
  CFG_REQ_IF = 1 << 5,   /* required when `cond` holds (map sections: >= 1 entry) */
  CFG_ONLY_IF = 1 << 6,  /* error when set while `cond` does not hold */
  CFG_NAMED = 1 << 7     /* section row of a family of named sections: `[family NAME]`, any
                            number, each with its own keys; getters take "family NAME" */
};

/* One row of the table. Section rows (type CFG_SECTION or CFG_MAP, key NULL) come before
 * the key rows of their section and give the section's order and help. For CFG_MAP rows,
 * unit/min/max/flags describe the numeric values of the free-form entries. */
typedef struct cfg_key {
  int kind;             /* CFG_KIND_RUN or CFG_KIND_BOX */
  const char *section;  /* "run" */
  const char *key;      /* "hours"; NULL on section rows */
  cfg_type type;
  const char *unit;     /* "h", "K", "Pa", "s", "" (none) */
  double min, max;      /* bounds when CFG_HAS_MIN / CFG_HAS_MAX */
  const char *choices;  /* CFG_ENUM: allowed words separated by '|' ("ros2|ros3") */
  const char *def;      /* default as written in a file; NULL = none */
  const char *def_doc;  /* help text for the default when def is NULL ("first met time") */
  int flags;            /* CFG_REQUIRED | CFG_HAS_MIN | ... */
  const char *excludes; /* key of the same section that must not be set together */
  const char *cond;     /* for CFG_REQ_IF/CFG_ONLY_IF: "section.key=word[|section.key=word]";
                         * word * = the key is set, - = the key has no value */
  const char *help;     /* one or two sentences; map rows: what the names are */
} cfg_key;

typedef struct cfg_file cfg_file;

/* The table and its number of rows (all kinds). Never NULL. */
const cfg_key *cfg_table(int *n);

/* Read and validate `path` against the rows of `kind` (CFG_KIND_RUN or CFG_KIND_BOX).
 * Returns NULL and fills err on failure: TF_EIO (cannot open), TF_EINVAL (bad content),
 * TF_ENOMEM. Error messages start with "<path>:<line>: " as given by the caller. */
cfg_file *cfg_load(const char *path, int kind, tf_err *err);
void cfg_destroy(cfg_file **cfg);

/* The path as passed to cfg_load, its absolute folder, and the kind. */
const char *cfg_filename(const cfg_file *cfg);
const char *cfg_dir(const cfg_file *cfg);
int cfg_kind(const cfg_file *cfg);

/* 1 if the key is set (non-empty) in the file, 0 if it takes its default / is unset. */
int cfg_has(const cfg_file *cfg, const char *section, const char *key);
/* Line of the key in the file, 0 if not set there. For map sections, key = entry name.
 * With key == NULL: the line of the section header (0 if absent). */
int cfg_line(const cfg_file *cfg, const char *section, const char *key);

/* Getters: value from the file, else the table default. */
/* Text of any non-list key: strings, enum words, resolved paths (absolute, or a bare
 * builtin name), times/numbers as written. NULL when unset without default. */
const char *cfg_get_str(const cfg_file *cfg, const char *section, const char *key);
long cfg_get_int(const cfg_file *cfg, const char *section, const char *key);
/* CFG_DOUBLE in the row's unit; NAN when unset without default (e.g. [box] h2o_ppm). */
double cfg_get_double(const cfg_file *cfg, const char *section, const char *key);
int cfg_get_bool(const cfg_file *cfg, const char *section, const char *key);
/* CFG_TIME: seconds since 1970-01-01T00:00:00Z; NAN when unset without default. */
double cfg_get_time(const cfg_file *cfg, const char *section, const char *key);
/* CFG_LIST / CFG_PATH_LIST: number of items; *items points into cfg (valid until
 * cfg_destroy). 0 items (and *items = NULL) when unset without default. */
int cfg_get_list(const cfg_file *cfg, const char *section, const char *key,
                 const char *const **items);
/* CFG_ENUM: index of the value's word in the row's `choices` (0 = first word); -1 when
 * unset without default. */
int cfg_get_enum(const cfg_file *cfg, const char *section, const char *key);
/* 1 if a CFG_BUILTIN path key holds a bare builtin name rather than a path. */
int cfg_is_builtin(const cfg_file *cfg, const char *section, const char *key);

/* Set section/key from `text` as if it were written in the file, validated by the same
 * rules (type, bounds, enum words with "did you mean"); for command-line overrides. A
 * relative path is resolved against the current working directory, not the config's
 * folder. Errors read "<origin> <text>: expected ..., found ..." (origin e.g. "--hours").
 * cfg_origin() then returns origin and cfg_line() 0 for that key. */
int cfg_override(cfg_file *cfg, const char *section, const char *key, const char *text,
                 const char *origin, tf_err *err);
/* The origin given to cfg_override for the key, NULL when the value is the file's. */
const char *cfg_origin(const cfg_file *cfg, const char *section, const char *key);

/* Named sections (CFG_NAMED families, e.g. [measure traffic_cut]), in file order: how many
 * of `family` the file has, and the i-th one's section string "family NAME" for the getters
 * (NULL if out of range); *name (may be NULL) gets NAME. cfg_line(cfg, "family NAME", NULL)
 * is the line of its header. */
int cfg_instance_count(const cfg_file *cfg, const char *family);
const char *cfg_instance(const cfg_file *cfg, const char *family, int i, const char **name);

/* Free-form (CFG_MAP) sections: entries in file order. cfg_map_get returns TF_OK, or
 * TF_EINVAL if i is out of range. Value in the row's unit. */
int cfg_map_count(const cfg_file *cfg, const char *section);
int cfg_map_get(const cfg_file *cfg, const char *section, int i, const char **name,
                double *value);

/* Print the effective config (defaults filled, paths resolved) as a loadable INI file;
 * values from defaults are marked "; default". Returns TF_OK or TF_EIO. */
int cfg_dump(const cfg_file *cfg, FILE *f);

/* Print the reference of `kind` (CFG_KIND_RUN, CFG_KIND_BOX or CFG_KIND_ALL): plain text
 * for the terminal, or Markdown tables (markdown != 0) for the README. Returns TF_OK or
 * TF_EIO. */
int cfg_print_help(FILE *f, int kind, int markdown);

/* Prefix err's message with "<file>:<line>: [section] key: " (the key's line, else the
 * section's; key NULL = the section) for errors found after loading; returns err->code. */
int cfg_key_err(const cfg_file *cfg, const char *section, const char *key, tf_err *err);

/* Damerau–Levenshtein (optimal string alignment) distance, case-insensitive; used for the
 * "did you mean" hints (exposed for the tests and for callers checking species names). */
int cfg_edit_distance(const char *a, const char *b);
#endif
