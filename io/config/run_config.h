/* run_config.h — the typed description of a forecast run, parsed and validated once.
 *
 * `run_config_load` reads a run config through the key table (config.h: one table of keys,
 * types, bounds, defaults and cross-key rules), applies the command-line overrides through
 * the SAME validation rules (so `--hours 0` is refused exactly like `hours = 0` in the
 * file), and copies every key into a plain struct. After this nothing looks a key up by its
 * name: the front end reads fields, and enum words live only in the table's `choices`
 * (the C enums below follow their order; the unit test checks it).
 *
 * The `[emissions] scale` grammar is parsed here: items `[SECTOR:]SPECIES=FACTOR`
 * (factor >= 0). Whether SPECIES is an inventory pollutant or a species of the mechanism is
 * checked by the caller, which knows the mechanism, and reported through
 * run_config_key_err (file:line of the key).
 *
 * Every later problem with a value (a file that does not exist, a species the mechanism
 * lacks) is reported by `run_config_key_err(cfg, RCK_..., err)`, which prefixes the message
 * with "<file>:<line>: [section] key", "<file>: [section] key (default)" or, for a value
 * from the command line, "--hours". */
#ifndef TF_IO_RUN_CONFIG_H
#define TF_IO_RUN_CONFIG_H
#include "model/core/tf_error.h"

/* Every key of a run config (the rows of config_table.c of kind CFG_KIND_RUN). */
typedef enum {
  RCK_RUN_START, RCK_RUN_HOURS, RCK_RUN_TIMESTEP, RCK_RUN_THREADS, RCK_RUN_OUTPUT_DIR,
  RCK_RUN_RESTART_INTERVAL, RCK_RUN_RESTART_FROM, RCK_RUN_PROGRESS,
  RCK_MET_FILES,
  RCK_CHEM_MECHANISM, RCK_CHEM_SOLVER, RCK_CHEM_RTOL, RCK_CHEM_ATOL, RCK_CHEM_PHOTOLYSIS,
  RCK_EMIS_GRIDDED, RCK_EMIS_POINTS, RCK_EMIS_BIOGENIC, RCK_EMIS_SPECIATION, RCK_EMIS_SCALE,
  RCK_TR_ADVECTION, RCK_TR_VMIX, RCK_TR_DRYDEP, RCK_TR_WETDEP,
  RCK_BC_INITIAL, RCK_BC_LATERAL, RCK_BC_FILE,
  RCK_OUT_SPECIES, RCK_OUT_FIELDS_3D, RCK_OUT_CITIES,
  RCK_CYC_WRF_PATTERN, RCK_CYC_START_HOUR, RCK_CYC_LENGTH, RCK_CYC_PUBLISH_DIR, RCK_CYC_KEEP_DAYS,
  RCK_CYC_BULLETIN,
  RCK_N
} rc_key;

/* Enums in the order of the table's `choices` words. */
typedef enum { RC_PROGRESS_AUTO, RC_PROGRESS_ON, RC_PROGRESS_OFF } rc_progress;
typedef enum { RC_SOLVER_ROS2, RC_SOLVER_ROS3, RC_SOLVER_RODAS3, RC_SOLVER_RODAS4 } rc_solver;
typedef enum { RC_PHOTO_SOLAR, RC_PHOTO_OFF } rc_photolysis;
typedef enum { RC_ADV_PPM, RC_ADV_OFF } rc_advection;
typedef enum { RC_VMIX_ACM2, RC_VMIX_KZ, RC_VMIX_OFF } rc_vmix;
typedef enum { RC_BC_PROFILE, RC_BC_FILE } rc_bc_source;

/* One `[emissions] scale` item: factor for SPECIES (inventory pollutant or mechanism
 * species) in SECTOR ("*" = every sector). */
typedef struct rc_scale {
  char sector[64];
  char species[64];
  double factor;         /* >= 0 */
} rc_scale;
/* Parse one item "[SECTOR:]SPECIES=FACTOR" (the [emissions] scale grammar). */
int rc_scale_parse(const char *item, rc_scale *out, tf_err *err);

/* Command-line overrides; unset members leave the file's value. */
typedef struct rc_overrides {
  const char *hours;      /* --hours H */
  const char *threads;    /* --threads N */
  const char *output_dir; /* --output DIR (relative to the working directory) */
  const char *progress;   /* --progress auto|on|off */
  /* set by tianfu cycle for each day's run (origins "cycle: start" etc. in messages) */
  const char *start;        /* [run] start, ISO 8601 */
  const char *restart_from; /* [run] restart_from (a path; the cold start is the file's unset key) */
  const char *met_files;    /* [met] files: space-separated paths */
  const char *publish_dir;  /* --publish DIR: [cycle] publish_dir */
} rc_overrides;

typedef struct run_config {
  char *path;               /* the config file as given */
  struct {
    int has_start;
    double start_s;         /* s since 1970 UTC (when has_start) */
    int hours;              /* h */
    int timestep_s;         /* s, divides 3600 */
    int threads;            /* 0 = OpenMP default */
    char *output_dir;       /* absolute */
    int restart_interval_h; /* 0 = only at the end */
    char *restart_from;     /* NULL = cold start */
    rc_progress progress;
  } run;
  struct {
    int nfiles;
    char **files;           /* absolute paths or globs (not expanded) */
  } met;
  struct {
    char *mechanism;        /* absolute path, or a builtin name (mechanism_builtin) */
    int mechanism_builtin;
    rc_solver solver;
    double rtol;
    double atol_ppb;        /* ppb */
    rc_photolysis photolysis;
  } chem;
  struct {
    char *gridded;          /* NULL = none */
    char *points;           /* NULL = none */
    int biogenic;
    char *speciation;       /* absolute path, or a builtin name (speciation_builtin) */
    int speciation_builtin;
    int nscale;
    rc_scale *scale;        /* [nscale] in file order */
  } emis;
  struct {
    rc_advection advection;
    rc_vmix vmix;
    int dry_deposition;
    int wet_scavenging;
  } transport;
  struct {
    rc_bc_source initial, lateral;
    char *file;             /* NULL = none */
  } boundary;
  struct {
    int nspecies;
    char **species;         /* surface fields written hourly */
    int fields_3d;
    char *cities;           /* absolute path, or a builtin name (cities_builtin) */
    int cities_builtin;
  } output;
  struct {                  /* [cycle]: read by tianfu cycle only */
    char *wrf_pattern;      /* absolute, strftime fields; NULL = not set */
    int start_hour_utc;     /* h, 0..23: day D's forecast starts at D-1 this hour UTC */
    int length_h;           /* h */
    char *publish_dir;      /* absolute */
    int keep_days;          /* d */
    char *bulletin;         /* absolute path; NULL = the built-in bulletin ("builtin") */
    int bulletin_builtin;   /* bulletin is another bare name (no such builtin: refused) */
  } cycle;
  /* where each key's value came from (for messages) */
  int line[RCK_N];          /* line in the file, 0 = default or command line */
  const char *origin[RCK_N];/* "--hours" etc. for command-line values, else NULL */
} run_config;

/* Load, override (ov may be NULL) and validate. NULL with err set on failure. */
run_config *run_config_load(const char *path, const rc_overrides *ov, tf_err *err);
void run_config_destroy(run_config **c);
/* Prefix err with where key k came from (see above); returns err->code. */
int run_config_key_err(const run_config *c, rc_key k, tf_err *err);
/* Section and key names of k ("run", "hours"). */
const char *run_config_section(rc_key k);
const char *run_config_key(rc_key k);
/* The word of an enum value as written in a config ("rodas3"), from the table. */
const char *run_config_word(rc_key k, int value);
#endif
