/* config_table.c — THE table of every configuration key of Tianfu (run and box configs).
 *
 * This one array validates files (config.c), prints `tianfu help config` and the README
 * reference (config_help.c) and supplies defaults. To add a key, add a row after its
 * section's row; to add a section, add a section row (type CFG_SECTION, or CFG_MAP for a
 * free-form "name = number" section) followed by its key rows. Nothing else changes.
 *
 * Design note for the planned [scenario] section (emission cuts by sector, species, region
 * or a project list; not implemented yet): it will be a CFG_SECTION row of kind
 * CFG_KIND_RUN plus key rows such as `sectors` (CFG_LIST), `species` (CFG_LIST), `region`
 * (CFG_PATH, a mask file), `projects` (CFG_PATH, a CSV list) and `cut_percent` (CFG_DOUBLE,
 * 0..100, unit "%"). Several independent cuts would need numbered sections ([scenario.1]);
 * that would be the one loader change (matching a section row by prefix).
 *
 * Run-config keys are fixed by README.md (Input formats) (owned by the lead); box keys by
 * the box-model brief. Bounds are sanity ranges that catch unit mistakes (K vs degC, Pa vs
 * hPa), not physical limits of the model. */
#include "io/config/config.h"
#include <stddef.h>

#define SEC(k, s, h) {.kind = (k), .section = (s), .type = CFG_SECTION, .help = (h)}
#define RUN CFG_KIND_RUN
#define BOX CFG_KIND_BOX
#define SCN CFG_KIND_SCENARIO
#define BUL CFG_KIND_BULLETIN
#define RANGE (CFG_HAS_MIN | CFG_HAS_MAX)
#define POSITIVE (CFG_HAS_MIN | CFG_MIN_OPEN)

static const cfg_key table[] = {
  /* ------------------------------------------------------------------ run config */
  SEC(RUN, "run", "Simulation period, time step, output folder and restarts."),
  {.kind = RUN, .section = "run", .key = "start", .type = CFG_TIME, .def_doc = "first met time",
   .help = "Start of the simulation, ISO 8601 (UTC unless a zone is given)."},
  {.kind = RUN, .section = "run", .key = "hours", .type = CFG_INT, .unit = "h", .min = 1,
   .max = 744, .def = "72", .flags = RANGE, .help = "Simulated hours (744 h = 31 days)."},
  {.kind = RUN, .section = "run", .key = "timestep_s", .type = CFG_INT, .unit = "s", .min = 60,
   .max = 3600, .def = "600", .flags = RANGE,
   .help = "Operator-splitting (synchronisation) time step."},
  {.kind = RUN, .section = "run", .key = "threads", .type = CFG_INT, .min = 0, .max = 1024,
   .def = "0", .flags = RANGE,
   .help = "OpenMP threads; 0 = the OpenMP default (OMP_NUM_THREADS or all cores)."},
  {.kind = RUN, .section = "run", .key = "output_dir", .type = CFG_PATH, .def = "output",
   .help = "Folder for the output NetCDF files, relative to the config file's folder."},
  {.kind = RUN, .section = "run", .key = "restart_interval_h", .type = CFG_INT, .unit = "h",
   .min = 0, .max = 744, .def = "24", .flags = RANGE,
   .help = "Write a restart file every this many hours; 0 = only at the end."},
  {.kind = RUN, .section = "run", .key = "restart_from", .type = CFG_PATH, .def_doc = "cold start",
   .help = "Restart NetCDF to start from."},
  {.kind = RUN, .section = "run", .key = "progress", .type = CFG_ENUM, .choices = "auto|on|off",
   .def = "auto", .help = "Progress bar; auto = only when stderr is a terminal."},

  SEC(RUN, "met", "Meteorology (WRF output files)."),
  {.kind = RUN, .section = "met", .key = "files", .type = CFG_PATH_LIST, .flags = CFG_REQ_IF,
   .cond = "cycle.wrf_pattern=-", .def_doc = "required unless [cycle] wrf_pattern is set",
   .help = "wrfout files or globs (e.g. met/wrfout_d01_*), relative to the config file's folder; "
           "tianfu cycle replaces them by the files of [cycle] wrf_pattern."},

  SEC(RUN, "chemistry", "Gas-phase mechanism and its solver."),
  {.kind = RUN, .section = "chemistry", .key = "mechanism", .type = CFG_PATH, .def = "cb05",
   .flags = CFG_BUILTIN,
   .help = "builtin name (configs/mechanisms/<name>/<name>.def) or path to a .def/.eqn file."},
  {.kind = RUN, .section = "chemistry", .key = "solver", .type = CFG_ENUM,
   .choices = "ros2|ros3|rodas3|rodas4", .def = "rodas3", .help = "Rosenbrock method."},
  {.kind = RUN, .section = "chemistry", .key = "rtol", .type = CFG_DOUBLE, .min = 1e-8,
   .max = 0.1, .def = "1e-3", .flags = RANGE, .help = "Relative tolerance of the solver."},
  {.kind = RUN, .section = "chemistry", .key = "atol_ppb", .type = CFG_DOUBLE, .unit = "ppb",
   .min = 0, .max = 1e3, .def = "1e-3", .flags = POSITIVE | CFG_HAS_MAX,
   .help = "Absolute tolerance of the solver."},
  {.kind = RUN, .section = "chemistry", .key = "photolysis", .type = CFG_ENUM,
   .choices = "solar|off", .def = "solar",
   .help = "solar = clear-sky photolysis from the solar zenith angle; off = dark."},

  SEC(RUN, "emissions", "Anthropogenic and biogenic emissions."),
  {.kind = RUN, .section = "emissions", .key = "gridded", .type = CFG_PATH, .def_doc = "none",
   .help = "Gridded inventory NetCDF (format: README, Input formats)."},
  {.kind = RUN, .section = "emissions", .key = "points", .type = CFG_PATH, .def_doc = "none",
   .help = "Point-source CSV (stacks; format: README, Input formats)."},
  {.kind = RUN, .section = "emissions", .key = "biogenic", .type = CFG_BOOL, .def = "on",
   .help = "Biogenic (isoprene, terpene) emissions."},
  {.kind = RUN, .section = "emissions", .key = "speciation", .type = CFG_PATH,
   .def_doc = "the mechanism's speciation.csv", .flags = CFG_BUILTIN,
   .help = "Override of the mechanism's own speciation.csv (beside its .def/.eqn file): a CSV "
           "path, or a builtin mechanism name (configs/mechanisms/<name>/speciation.csv)."},
  {.kind = RUN, .section = "emissions", .key = "scale", .type = CFG_LIST, .def_doc = "none",
   .help = "Emission scaling, the one place scenarios act: items [SECTOR:]SPECIES=FACTOR, e.g. "
           "NOX=0.7 solvent:NMVOC=0.5 biogenic:ISOP=0 (SPECIES: an inventory pollutant NOX NMVOC "
           "CO SO2 NH3, or a mechanism species; factors multiply)."},

  SEC(RUN, "transport", "Transport and removal processes."),
  {.kind = RUN, .section = "transport", .key = "advection", .type = CFG_ENUM,
   .choices = "ppm|off", .def = "ppm", .help = "Horizontal and vertical advection scheme."},
  {.kind = RUN, .section = "transport", .key = "vertical_mixing", .type = CFG_ENUM,
   .choices = "acm2|kz|off", .def = "acm2", .help = "Boundary-layer mixing scheme."},
  {.kind = RUN, .section = "transport", .key = "dry_deposition", .type = CFG_BOOL, .def = "on",
   .help = "Dry deposition at the surface."},
  {.kind = RUN, .section = "transport", .key = "wet_scavenging", .type = CFG_BOOL, .def = "off",
   .help = "Wet scavenging of soluble species."},

  SEC(RUN, "boundary", "Initial and lateral boundary conditions."),
  {.kind = RUN, .section = "boundary", .key = "initial", .type = CFG_ENUM,
   .choices = "profile|file", .def = "profile",
   .help = "profile = built-in clean vertical profiles; file = from [boundary] file."},
  {.kind = RUN, .section = "boundary", .key = "lateral", .type = CFG_ENUM,
   .choices = "profile|file", .def = "profile",
   .help = "profile = built-in clean vertical profiles; file = from [boundary] file."},
  {.kind = RUN, .section = "boundary", .key = "file", .type = CFG_PATH, .def_doc = "none",
   .flags = CFG_REQ_IF | CFG_ONLY_IF, .cond = "boundary.initial=file|boundary.lateral=file",
   .help = "NetCDF with initial/boundary fields; required when initial or lateral = file."},

  SEC(RUN, "output", "What is written."),
  {.kind = RUN, .section = "output", .key = "species", .type = CFG_LIST,
   .def = "O3 NO NO2 CO SO2 FORM PAN ISOP",
   .help = "Mechanism species written hourly at the surface."},
  {.kind = RUN, .section = "output", .key = "fields_3d", .type = CFG_BOOL, .def = "off",
   .help = "Also write 3-D fields of the listed species."},
  {.kind = RUN, .section = "output", .key = "cities", .type = CFG_PATH, .def = "builtin",
   .flags = CFG_BUILTIN,
   .help = "builtin (configs/sichuan/cities.csv) or a CSV path; city time series are written."},

  SEC(RUN, "cycle", "The nightly forecast cycle (tianfu cycle): which met files, when each day's "
                   "forecast starts, how long it runs, where it is published. tianfu run and check "
                   "ignore this section."),
  {.kind = RUN, .section = "cycle", .key = "wrf_pattern", .type = CFG_PATH,
   .def_doc = "none: required by tianfu cycle",
   .help = "wrfout file names with strftime fields of the file's first time (%Y %m %d %H %M %S "
           "%j %%), e.g. met/wrfout_d01_%Y-%m-%d_%H:%M:%S; hourly or daily files alike."},
  {.kind = RUN, .section = "cycle", .key = "start_hour_utc", .type = CFG_INT, .unit = "h",
   .min = 0, .max = 23, .def = "12", .flags = RANGE,
   .help = "The forecast of Beijing day D starts at this UTC hour of day D-1 (12 = 20:00 "
           "Beijing time the evening before)."},
  {.kind = RUN, .section = "cycle", .key = "length_h", .type = CFG_INT, .unit = "h", .min = 24,
   .max = 240, .def = "72", .flags = RANGE,
   .help = "Forecast length; the restart at +24 h warm-starts the next day's cycle."},
  {.kind = RUN, .section = "cycle", .key = "publish_dir", .type = CFG_PATH, .def = "forecasts",
   .help = "Published forecasts: publish_dir/YYYYMMDD/ (Beijing day), the latest link, the lock."},
  {.kind = RUN, .section = "cycle", .key = "keep_days", .type = CFG_INT, .unit = "d", .min = 1,
   .max = 3650, .def = "10", .flags = RANGE,
   .help = "Published days kept: folders older than D - keep_days + 1 are removed after day D."},
  {.kind = RUN, .section = "cycle", .key = "bulletin", .type = CFG_PATH, .def = "builtin",
   .flags = CFG_BUILTIN,
   .help = "Bulletin description (ini) given to the bulletin step; builtin = the built-in one."},

  /* ------------------------------------------------------------------ box config */
  SEC(BOX, "box", "Chemistry box model (tianfu box): one air parcel, fixed conditions."),
  {.kind = BOX, .section = "box", .key = "mechanism", .type = CFG_PATH, .def = "cb05",
   .flags = CFG_BUILTIN,
   .help = "builtin name (configs/mechanisms/<name>/<name>.def) or path to a .def/.eqn file."},
  {.kind = BOX, .section = "box", .key = "units", .type = CFG_ENUM, .choices = "ppb|molec/cm3|none",
   .def = "ppb",
   .help = "Units of [initial], [emissions], atol and the output (none = as the mechanism)."},
  {.kind = BOX, .section = "box", .key = "temperature_K", .type = CFG_DOUBLE, .unit = "K",
   .min = 150, .max = 350, .def = "298.15", .flags = RANGE, .help = "Air temperature."},
  {.kind = BOX, .section = "box", .key = "pressure_Pa", .type = CFG_DOUBLE, .unit = "Pa",
   .min = 1, .max = 2e5, .def = "101325", .flags = RANGE, .help = "Air pressure."},
  {.kind = BOX, .section = "box", .key = "rh_percent", .type = CFG_DOUBLE, .unit = "%", .min = 0,
   .max = 100, .def = "50", .flags = RANGE, .excludes = "h2o_ppm",
   .help = "Relative humidity; used only when h2o_ppm is not set (set at most one of them)."},
  {.kind = BOX, .section = "box", .key = "h2o_ppm", .type = CFG_DOUBLE, .unit = "ppm", .min = 0,
   .max = 1e5, .def_doc = "from rh_percent", .flags = RANGE, .excludes = "rh_percent",
   .help = "Water vapour mole fraction; replaces rh_percent (set at most one of them)."},
  {.kind = BOX, .section = "box", .key = "start", .type = CFG_TIME, .flags = CFG_REQUIRED,
   .help = "Start time, ISO 8601 (UTC unless a zone is given); sets the solar zenith angle."},
  {.kind = BOX, .section = "box", .key = "latitude", .type = CFG_DOUBLE, .unit = "deg N",
   .min = -90, .max = 90, .def = "30.67", .flags = RANGE,
   .help = "Latitude for the sun (default Chengdu, Tianfu Square)."},
  {.kind = BOX, .section = "box", .key = "longitude", .type = CFG_DOUBLE, .unit = "deg E",
   .min = -180, .max = 360, .def = "104.07", .flags = RANGE, .help = "Longitude for the sun."},
  {.kind = BOX, .section = "box", .key = "duration_s", .type = CFG_DOUBLE, .unit = "s", .min = 0,
   .def = "86400", .flags = POSITIVE, .help = "Simulated time."},
  {.kind = BOX, .section = "box", .key = "output_interval_s", .type = CFG_DOUBLE, .unit = "s",
   .min = 0, .def = "3600", .flags = POSITIVE, .help = "Interval between output rows."},
  {.kind = BOX, .section = "box", .key = "solver", .type = CFG_ENUM,
   .choices = "ros2|ros3|rodas3|rodas4", .def = "rodas3", .help = "Rosenbrock method."},
  {.kind = BOX, .section = "box", .key = "rtol", .type = CFG_DOUBLE, .min = 1e-8, .max = 0.1,
   .def = "1e-3", .flags = RANGE, .help = "Relative tolerance of the solver."},
  {.kind = BOX, .section = "box", .key = "atol", .type = CFG_DOUBLE, .unit = "box units",
   .min = 0, .def = "1.0", .flags = POSITIVE,
   .help = "Absolute tolerance in the box's units: 1.0 suits molec/cm3; with units = ppb "
           "use about 1e-6."},
  {.kind = BOX, .section = "box", .key = "photolysis", .type = CFG_ENUM,
   .choices = "off|solar|fixed", .def = "solar",
   .help = "solar = from the solar zenith angle; fixed = constant values of [photolysis]; "
           "off = dark."},
  {.kind = BOX, .section = "box", .key = "dilution_per_s", .type = CFG_DOUBLE, .unit = "s-1",
   .min = 0, .max = 1, .def = "0", .flags = CFG_HAS_MIN | CFG_HAS_MAX,
   .help = "Exchange with background air (the [initial] state): after each sub-step "
           "c += (c0 - c)(1 - exp(-dilution dt)); 0 = closed box, ~2.3e-5 = 12 h exchange."},
  {.kind = BOX, .section = "box", .key = "output", .type = CFG_PATH, .def_doc = "stdout",
   .help = "CSV output file."},

  {.kind = BOX, .section = "initial", .type = CFG_MAP, .unit = "box units", .min = 0,
   .flags = CFG_HAS_MIN,
   .help = "Initial concentrations: <species> = value; species not listed start at 0."},
  {.kind = BOX, .section = "photolysis", .type = CFG_MAP, .unit = "1/s", .min = 0,
   .flags = CFG_HAS_MIN | CFG_REQ_IF | CFG_ONLY_IF, .cond = "box.photolysis=fixed",
   .help = "Fixed photolysis frequencies: <J name> = value (e.g. J(NO2) = 8e-3 or a "
           "mechanism's SUN); required when [box] photolysis = fixed, not allowed otherwise."},
  {.kind = BOX, .section = "emissions", .type = CFG_MAP, .unit = "box units/s", .min = 0,
   .flags = CFG_HAS_MIN, .help = "Constant emission rates: <species> = value."},

  /* ------------------------------------------------------------------ scenario file */
  SEC(SCN, "scenarios", "The scenario file: its baseline run and the tables it uses."),
  {.kind = SCN, .section = "scenarios", .key = "baseline", .type = CFG_PATH, .flags = CFG_REQUIRED,
   .help = "Run config every scenario starts from (its inventory, points and period)."},
  {.kind = SCN, .section = "scenarios", .key = "industries", .type = CFG_PATH, .def = "builtin",
   .flags = CFG_BUILTIN,
   .help = "Industry classes and their inventory sectors: builtin (configs/scenarios/industries.csv) "
           "or a CSV path."},
  {.kind = SCN, .section = "scenarios", .key = "cities", .type = CFG_PATH, .def = "builtin",
   .flags = CFG_BUILTIN,
   .help = "Cities that regions and project locations may name: builtin (configs/sichuan/cities.csv) "
           "or a CSV path."},
  {.kind = SCN, .section = "scenarios", .key = "description", .type = CFG_STRING, .def_doc = "none",
   .help = "One line printed above the check table."},

  {.kind = SCN, .section = "region", .type = CFG_SECTION, .flags = CFG_NAMED,
   .help = "A named region that measures select by `region = NAME`: set exactly one of box, mask, "
           "polygon or builtin. Builtin names need no section: sichuan, chongqing, a city of the "
           "cities table, or domain."},
  {.kind = SCN, .section = "region", .key = "box", .type = CFG_LIST, .unit = "deg",
   .help = "lon_min lat_min lon_max lat_max; a cell's weight is the fraction of its area inside "
           "the box (its corners in lon/lat)."},
  {.kind = SCN, .section = "region", .key = "mask", .type = CFG_PATH,
   .help = "NetCDF file on the run's grid (dimensions south_north x west_east, or y x x) holding "
           "the variable `variable`: per-cell weights in [0, 1]."},
  {.kind = SCN, .section = "region", .key = "variable", .type = CFG_STRING,
   .flags = CFG_REQ_IF | CFG_ONLY_IF, .cond = "region.mask=*",
   .help = "Variable of the mask file."},
  {.kind = SCN, .section = "region", .key = "polygon", .type = CFG_PATH,
   .help = "GeoJSON or shapefile of polygons (read through GDAL, io/gis); weights are area fractions."},
  {.kind = SCN, .section = "region", .key = "field", .type = CFG_STRING,
   .help = "Attribute of the polygon file that selects the features (with value)."},
  {.kind = SCN, .section = "region", .key = "value", .type = CFG_STRING,
   .help = "Value of field of the selected features, e.g. Sichuan."},
  {.kind = SCN, .section = "region", .key = "builtin", .type = CFG_STRING,
   .help = "sichuan, chongqing or a city of the cities table (e.g. Chengdu)."},

  {.kind = SCN, .section = "measure", .type = CFG_SECTION, .flags = CFG_NAMED,
   .help = "One emission measure that scenarios list by name: scale emissions, cut point sources, "
           "or apply a project list."},
  {.kind = SCN, .section = "measure", .key = "type", .type = CFG_ENUM,
   .choices = "scale|points|projects", .flags = CFG_REQUIRED,
   .help = "scale = a factor on gridded and point emissions; points = a factor on point sources only "
           "(by stack id or industry); projects = the tonnes of a project list."},
  {.kind = SCN, .section = "measure", .key = "factor", .type = CFG_DOUBLE, .min = 0,
   .flags = CFG_HAS_MIN, .excludes = "cut_percent", .def_doc = "from cut_percent",
   .help = "Emissions are multiplied by this (0.8 = 20 % cut) where the measure applies."},
  {.kind = SCN, .section = "measure", .key = "cut_percent", .type = CFG_DOUBLE, .unit = "%",
   .min = 0, .max = 100, .flags = RANGE, .excludes = "factor", .def_doc = "from factor",
   .help = "The same as factor = 1 - cut_percent/100."},
  {.kind = SCN, .section = "measure", .key = "pollutants", .type = CFG_LIST, .def_doc = "all",
   .help = "Inventory pollutants NOX NMVOC CO SO2 NH3, or mechanism species (after speciation)."},
  {.kind = SCN, .section = "measure", .key = "sectors", .type = CFG_LIST, .def_doc = "all",
   .help = "Inventory sectors (power industry solvent transport residential agriculture in the "
           "built-in case), or biogenic."},
  {.kind = SCN, .section = "measure", .key = "industries", .type = CFG_LIST, .def_doc = "all",
   .help = "Industry classes of the industries table: for scale, their sectors; for points, "
           "the stacks of that industry; for projects, a filter."},
  {.kind = SCN, .section = "measure", .key = "region", .type = CFG_STRING, .def = "domain",
   .help = "A [region NAME] of this file or a builtin region; projects: a filter on location."},
  {.kind = SCN, .section = "measure", .key = "stacks", .type = CFG_LIST, .def_doc = "all",
   .help = "type = points: ids of point sources (id column of points.csv)."},
  {.kind = SCN, .section = "measure", .key = "dates", .type = CFG_LIST, .def_doc = "every day",
   .help = "FIRST LAST day (YYYY-MM-DD, Beijing time, both included) on which the measure acts."},
  {.kind = SCN, .section = "measure", .key = "hours", .type = CFG_LIST, .def_doc = "every hour",
   .help = "Beijing hours the measure acts in, as ranges FROM-TO (end excluded), e.g. 7-10 17-20."},
  {.kind = SCN, .section = "measure", .key = "projects", .type = CFG_PATH,
   .flags = CFG_REQ_IF | CFG_ONLY_IF, .cond = "measure.type=projects",
   .help = "Project list CSV (format: README, Input formats)."},
  {.kind = SCN, .section = "measure", .key = "as_of", .type = CFG_STRING, .def_doc = "every project",
   .flags = CFG_ONLY_IF, .cond = "measure.type=projects",
   .help = "YYYY-MM-DD: only projects completed on or before this day count."},

  {.kind = SCN, .section = "scenario", .type = CFG_SECTION, .flags = CFG_NAMED,
   .help = "A named scenario: the baseline with its measures applied in order."},
  {.kind = SCN, .section = "scenario", .key = "description", .type = CFG_STRING, .def_doc = "none",
   .help = "What the scenario stands for, in one line."},
  {.kind = SCN, .section = "scenario", .key = "measures", .type = CFG_LIST, .def_doc = "none",
   .help = "Names of [measure] sections, applied in this order (factors multiply); none = the "
           "baseline itself."},

  /* ------------------------------------------------------------------ bulletin config */
  SEC(BUL, "bulletin", "What the bulletin computes and shows; without --config the builtin "
                       "configs/bulletin/bulletin.ini applies."),
  {.kind = BUL, .section = "bulletin", .key = "aqi_standard", .type = CFG_ENUM,
   .choices = "hj633-2026|hj633-2012", .def = "hj633-2026",
   .help = "AQI regulation: HJ 633-2026 (in force from 2026-03-01) or HJ 633-2012 for past years."},
  {.kind = BUL, .section = "bulletin", .key = "relative_uncertainty", .type = CFG_DOUBLE, .min = 0,
   .max = 0.9, .def = "0.2", .flags = RANGE,
   .help = "u of the published AQI range round(AQI(1-u))..round(AQI(1+u)), for every city without a "
           "row in uncertainty_file."},
  {.kind = BUL, .section = "bulletin", .key = "uncertainty_file", .type = CFG_PATH, .def_doc = "none",
   .help = "CSV city,relative_uncertainty (e.g. the normalised mean error of recent forecasts per city)."},
  {.kind = BUL, .section = "bulletin", .key = "pm_file", .type = CFG_PATH, .def_doc = "none",
   .help = "CSV city,date,pm25_ugm3,pm10_ugm3 of 24-h PM forecasts to include in the AQI; none = the AQI "
           "covers the gaseous pollutants only (said in every product)."},
  {.kind = BUL, .section = "bulletin", .key = "title", .type = CFG_STRING,
   .def = "Sichuan-Chongqing air-quality forecast", .help = "Title of the page and the maps."},
  {.kind = BUL, .section = "bulletin", .key = "maps", .type = CFG_BOOL, .def = "on",
   .help = "Draw the PNG maps and series (off: tables and JSON only)."},
  {.kind = BUL, .section = "warning", .type = CFG_SECTION, .flags = CFG_NAMED,
   .help = "One rule of the warning table, listed from the lowest to the highest level of its kind; "
           "a city-day gets the highest warning and the highest advisory that hold."},
  {.kind = BUL, .section = "warning", .key = "rule", .type = CFG_STRING, .flags = CFG_REQUIRED,
   .help = "Terms `AQI|MDA8|O3_1H >|>= N for D day[s]` joined by `and`, alternatives by `or` "
           "(README, Forecast products)."},
  {.kind = BUL, .section = "warning", .key = "kind", .type = CFG_ENUM, .choices = "warning|advisory",
   .def = "warning", .help = "warning = heavy-pollution warning level; advisory = ozone advisory."},
  {.kind = BUL, .section = "warning", .key = "colour", .type = CFG_STRING, .def = "#808080",
   .help = "#RRGGBB shown with the warning."},
  {.kind = BUL, .section = "warning", .key = "zh", .type = CFG_STRING, .def_doc = "the name",
   .help = "Chinese text, e.g. 黄色预警."},
  {.kind = BUL, .section = "warning", .key = "en", .type = CFG_STRING, .def_doc = "the name",
   .help = "English text, e.g. Yellow heavy-pollution warning."},
};

const cfg_key *cfg_table(int *n)
{
  if (n) *n = (int)(sizeof table / sizeof table[0]);
  return table;
}
