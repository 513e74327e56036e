/* CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, as S3's
   x-amz-checksum-crc64nvme), by tables eight bytes at a time. */
#include "lb_checksums.h"
#include <string.h>
#include <pthread.h>

#define POLY 0x9A6C9329AC4BC9B5ull

static uint64_t table[8][256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void initialize(void) {
    for (uint64_t n = 0; n < 256; n++) {
        uint64_t crc = n;
        for (int k = 0; k < 8; k++) crc = crc & 1 ? (crc >> 1) ^ POLY : crc >> 1;
        table[0][n] = crc;
    }
    for (int n = 0; n < 256; n++) {
        uint64_t crc = table[0][n];
        for (int k = 1; k < 8; k++) {
            crc = table[0][crc & 0xff] ^ (crc >> 8);
            table[k][n] = crc;
        }
    }
}

uint64_t lb_crc64nvme(uint64_t crc, const void *data, size_t length) {
    pthread_once(&once, initialize);
    if (data == NULL || length == 0) return crc;
    const unsigned char *next = data;
    uint64_t state = ~crc;
    while (length && ((uintptr_t)next & 7)) { state = table[0][(state ^ *next++) & 0xff] ^ (state >> 8); length--; }
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, next, 8);
        word ^= state;
        state = table[7][word & 0xff] ^ table[6][(word >> 8) & 0xff] ^ table[5][(word >> 16) & 0xff]
              ^ table[4][(word >> 24) & 0xff] ^ table[3][(word >> 32) & 0xff] ^ table[2][(word >> 40) & 0xff]
              ^ table[1][(word >> 48) & 0xff] ^ table[0][word >> 56];
        next += 8;
        length -= 8;
    }
    while (length--) state = table[0][(state ^ *next++) & 0xff] ^ (state >> 8);
    return ~state;
}
