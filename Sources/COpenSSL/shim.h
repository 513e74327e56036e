/* OpenSSL libcrypto (Debian: libssl-dev): the three one-shot digests the S3
   client needs, behind plain functions so Swift sees no macros or
   deprecated APIs. Each returns 1 on success, 0 on failure. */
#ifndef LB_COPENSSL_SHIM_H
#define LB_COPENSSL_SHIM_H
#include <stddef.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

/* out: 32 bytes */
static inline int lb_sha256(const void *data, size_t len, unsigned char *out) {
    unsigned int n = 0;
    return EVP_Digest(data, len, out, &n, EVP_sha256(), NULL) == 1 && n == 32;
}

/* out: 16 bytes */
static inline int lb_md5(const void *data, size_t len, unsigned char *out) {
    unsigned int n = 0;
    return EVP_Digest(data, len, out, &n, EVP_md5(), NULL) == 1 && n == 16;
}

/* out: 32 bytes */
static inline int lb_hmac_sha256(const void *key, size_t keylen,
                                 const void *data, size_t len, unsigned char *out) {
    unsigned int n = 0;
    return HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)data, len, out, &n) != NULL && n == 32;
}

#endif
