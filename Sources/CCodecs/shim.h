/* Snappy and ZSTD through their C APIs (Debian: libsnappy-dev, libzstd-dev). */
#ifndef LB_CCODECS_SHIM_H
#define LB_CCODECS_SHIM_H
#include <snappy-c.h>
#include <zstd.h>
#endif
