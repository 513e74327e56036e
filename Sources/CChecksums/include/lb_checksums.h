/* The checksums S3 verifies on upload (x-amz-checksum-crc32c and
   x-amz-checksum-crc64nvme), fast enough to cost a small fraction of
   making the bytes: CRC-32C with the SSE4.2 instruction over three
   interleaved streams where the CPU has it, tables elsewhere; CRC-64/NVME
   by tables, eight bytes at a time. Each takes the CRC of the bytes before
   (0 to start) and returns the CRC with `data` appended. */
#ifndef LB_CHECKSUMS_H
#define LB_CHECKSUMS_H
#include <stddef.h>
#include <stdint.h>

uint32_t lb_crc32c(uint32_t crc, const void *data, size_t length);
/* Copies `length` bytes from `source` to `destination` (not overlapping)
   and returns the CRC-32C with them appended: one pass over memory. */
uint32_t lb_crc32c_copy(uint32_t crc, void *destination, const void *source, size_t length);
uint64_t lb_crc64nvme(uint64_t crc, const void *data, size_t length);

#endif
