/* OpenSSL libcrypto (Debian: libssl-dev): the digests the S3 client needs,
   behind plain functions so Swift sees no macros or deprecated APIs. Each
   returns 1 on success, 0 on failure. */
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

/* One digest over `count` buffers in turn, as over their concatenation.
   out: EVP_MD_size(md) bytes. */
static inline int lb_digest_segments(const EVP_MD *md, const void *const *data, const size_t *len, size_t count,
                                     unsigned char *out) {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned int n = 0;
    int ok = ctx != NULL && EVP_DigestInit_ex(ctx, md, NULL) == 1;
    for (size_t i = 0; ok && i < count; i++) ok = EVP_DigestUpdate(ctx, data[i], len[i]) == 1;
    ok = ok && EVP_DigestFinal_ex(ctx, out, &n) == 1 && (int)n == EVP_MD_size(md);
    EVP_MD_CTX_free(ctx);
    return ok;
}

/* out: 32 bytes */
static inline int lb_sha256_segments(const void *const *data, const size_t *len, size_t count, unsigned char *out) {
    return lb_digest_segments(EVP_sha256(), data, len, count, out);
}

/* out: 16 bytes */
static inline int lb_md5_segments(const void *const *data, const size_t *len, size_t count, unsigned char *out) {
    return lb_digest_segments(EVP_md5(), data, len, count, out);
}

/* out: 32 bytes */
static inline int lb_hmac_sha256(const void *key, size_t keylen,
                                 const void *data, size_t len, unsigned char *out) {
    unsigned int n = 0;
    return HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)data, len, out, &n) != NULL && n == 32;
}

#endif
