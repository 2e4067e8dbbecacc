/* cmd_misc.c — small subcommands: version, and the --help helper. */
#include <stdio.h>
#include <string.h>
#include <netcdf.h>
#include "cli.h"

int cli_wants_help(int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) return 1;
  return 0;
}

int cmd_version(int argc, char **argv)
{
  if (cli_wants_help(argc, argv)) {
    printf("usage: tianfu version\nPrint the Tianfu version and the library versions it was built with.\n");
    return 0;
  }
  printf("tianfu %s (netCDF %s)\n", TIANFU_VERSION, nc_inq_libvers());
  return 0;
}
