/* CRC-32C (Castagnoli, reflected polynomial 0x82F63B78). The hardware path
   runs three independent CRCs over three adjacent blocks, since the crc32
   instruction has a latency of three cycles and a throughput of one, then
   joins them by shifting the first CRCs over the later blocks' length with
   precomputed "append n zero bytes" tables (the method of Mark Adler's
   crc32c.c). */
#include "lb_checksums.h"
#include <string.h>
#include <pthread.h>

#define POLY 0x82F63B78u
#define LONG 8192
#define SHORT 256

static uint32_t table[8][256];
static uint32_t long_shift[4][256];
static uint32_t short_shift[4][256];
static int has_sse42;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static uint32_t matrix_times(const uint32_t *matrix, uint32_t vector) {
    uint32_t sum = 0;
    while (vector) {
        if (vector & 1) sum ^= *matrix;
        vector >>= 1;
        matrix++;
    }
    return sum;
}

static void matrix_square(uint32_t *square, const uint32_t *matrix) {
    for (int n = 0; n < 32; n++) square[n] = matrix_times(matrix, matrix[n]);
}

/* The operator that appends `length` zero bytes (a power of two) to a CRC register. */
static void zeros_operator(uint32_t *even, size_t length) {
    uint32_t odd[32];
    odd[0] = POLY;
    uint32_t row = 1;
    for (int n = 1; n < 32; n++) { odd[n] = row; row <<= 1; }
    matrix_square(even, odd);  /* two zero bits */
    matrix_square(odd, even);  /* four zero bits */
    do {
        matrix_square(even, odd);  /* one zero byte the first time round */
        length >>= 1;
        if (length == 0) return;
        matrix_square(odd, even);
        length >>= 1;
    } while (length);
    memcpy(even, odd, sizeof odd);
}

static void zeros_table(uint32_t shift[4][256], size_t length) {
    uint32_t op[32];
    zeros_operator(op, length);
    for (uint32_t n = 0; n < 256; n++) {
        shift[0][n] = matrix_times(op, n);
        shift[1][n] = matrix_times(op, n << 8);
        shift[2][n] = matrix_times(op, n << 16);
        shift[3][n] = matrix_times(op, n << 24);
    }
}

static uint32_t shifted(uint32_t shift[4][256], uint32_t crc) {
    return shift[0][crc & 0xff] ^ shift[1][(crc >> 8) & 0xff] ^ shift[2][(crc >> 16) & 0xff] ^ shift[3][crc >> 24];
}

static void initialize(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t crc = n;
        for (int k = 0; k < 8; k++) crc = crc & 1 ? (crc >> 1) ^ POLY : crc >> 1;
        table[0][n] = crc;
    }
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t crc = table[0][n];
        for (int k = 1; k < 8; k++) {
            crc = table[0][crc & 0xff] ^ (crc >> 8);
            table[k][n] = crc;
        }
    }
    zeros_table(long_shift, LONG);
    zeros_table(short_shift, SHORT);
#if defined(__x86_64__)
    __builtin_cpu_init();
    has_sse42 = __builtin_cpu_supports("sse4.2");
#endif
}

static uint32_t software(uint32_t crc, const unsigned char *next, size_t length) {
    while (length && ((uintptr_t)next & 7)) { crc = table[0][(crc ^ *next++) & 0xff] ^ (crc >> 8); length--; }
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, next, 8);
        word ^= crc;
        crc = table[7][word & 0xff] ^ table[6][(word >> 8) & 0xff] ^ table[5][(word >> 16) & 0xff]
            ^ table[4][(word >> 24) & 0xff] ^ table[3][(word >> 32) & 0xff] ^ table[2][(word >> 40) & 0xff]
            ^ table[1][(word >> 48) & 0xff] ^ table[0][word >> 56];
        next += 8;
        length -= 8;
    }
    while (length--) crc = table[0][(crc ^ *next++) & 0xff] ^ (crc >> 8);
    return crc;
}

#if defined(__x86_64__)
/* 3 × stride bytes as three independent instruction streams (the crc32
   instruction has a latency of three cycles and a throughput of one), then
   the two later CRCs shifted in. `out`, when not NULL, receives a copy of
   the bytes as they are read, so the copy and the CRC take one pass over
   memory; always inlined, so each caller's NULL or not is known and the
   test disappears. */
__attribute__((target("sse4.2"), always_inline))
static inline uint64_t three_streams(uint64_t crc0, const unsigned char *next, unsigned char *out, size_t stride,
                                     uint32_t shift[4][256]) {
    uint64_t crc1 = 0, crc2 = 0;
    for (const unsigned char *end = next + stride; next < end; next += 8) {
        uint64_t a, b, c;
        memcpy(&a, next, 8);
        memcpy(&b, next + stride, 8);
        memcpy(&c, next + 2 * stride, 8);
        crc0 = __builtin_ia32_crc32di(crc0, a);
        crc1 = __builtin_ia32_crc32di(crc1, b);
        crc2 = __builtin_ia32_crc32di(crc2, c);
        if (out) {
            memcpy(out, &a, 8);
            memcpy(out + stride, &b, 8);
            memcpy(out + 2 * stride, &c, 8);
            out += 8;
        }
    }
    crc0 = shifted(shift, (uint32_t)crc0) ^ crc1;
    return shifted(shift, (uint32_t)crc0) ^ crc2;
}

__attribute__((target("sse4.2"), always_inline))
static inline uint32_t hardware_body(uint32_t crc32, const unsigned char *next, unsigned char *out, size_t length) {
    uint64_t crc0 = crc32, word;
    while (length && ((uintptr_t)next & 7)) {
        if (out) *out++ = *next;
        crc0 = __builtin_ia32_crc32qi((uint32_t)crc0, *next++);
        length--;
    }
    while (length >= 3 * LONG) {
        crc0 = three_streams(crc0, next, out, LONG, long_shift);
        next += 3 * LONG;
        if (out) out += 3 * LONG;
        length -= 3 * LONG;
    }
    while (length >= 3 * SHORT) {
        crc0 = three_streams(crc0, next, out, SHORT, short_shift);
        next += 3 * SHORT;
        if (out) out += 3 * SHORT;
        length -= 3 * SHORT;
    }
    while (length >= 8) {
        memcpy(&word, next, 8);
        if (out) { memcpy(out, &word, 8); out += 8; }
        crc0 = __builtin_ia32_crc32di(crc0, word);
        next += 8;
        length -= 8;
    }
    while (length--) {
        if (out) *out++ = *next;
        crc0 = __builtin_ia32_crc32qi((uint32_t)crc0, *next++);
    }
    return (uint32_t)crc0;
}

/* The two instances of that loop: one that only reads, one that also copies. */
__attribute__((target("sse4.2")))
static uint32_t hardware(uint32_t crc32, const unsigned char *next, size_t length) {
    return hardware_body(crc32, next, NULL, length);
}

__attribute__((target("sse4.2")))
static uint32_t hardware_copy(uint32_t crc32, const unsigned char *next, unsigned char *out, size_t length) {
    return hardware_body(crc32, next, out, length);
}
#endif

uint32_t lb_crc32c(uint32_t crc, const void *data, size_t length) {
    pthread_once(&once, initialize);
    uint32_t state = ~crc;
    if (data == NULL || length == 0) return crc;
#if defined(__x86_64__)
    if (has_sse42) return ~hardware(state, data, length);
#endif
    return ~software(state, data, length);
}

uint32_t lb_crc32c_copy(uint32_t crc, void *destination, const void *source, size_t length) {
    pthread_once(&once, initialize);
    if (source == NULL || length == 0) return crc;
#if defined(__x86_64__)
    if (has_sse42) return ~hardware_copy(~crc, source, destination, length);
#endif
    memcpy(destination, source, length);
    return ~software(~crc, destination, length);  /* the copy is still in cache */
}
