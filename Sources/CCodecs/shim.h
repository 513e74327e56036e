/* Snappy, ZSTD and LZ4 through their C APIs (Debian: libsnappy-dev, libzstd-dev, liblz4-dev). */
#ifndef LB_CCODECS_SHIM_H
#define LB_CCODECS_SHIM_H
#include <snappy-c.h>
#include <zstd.h>
#include <lz4.h>
#endif
