/*
 * version.c — the library's version at run time (tinyyes.h has the
 * header's): a program built against one header and run with another
 * library can tell.
 */
#include "tinyyes.h"

const char *ty_version(void) { return TY_VERSION; }

int ty_version_number(void) { return TY_VERSION_NUMBER; }
