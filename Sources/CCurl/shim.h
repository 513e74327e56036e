/* libcurl (Debian: libcurl4-openssl-dev). curl_easy_setopt and
   curl_easy_getinfo are variadic, which Swift cannot call: typed wrappers. */
#ifndef LB_CCURL_SHIM_H
#define LB_CCURL_SHIM_H
#include <curl/curl.h>

typedef size_t (*lb_curl_data_cb)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*lb_curl_seek_cb)(void *userdata, curl_off_t offset, int origin);
typedef int (*lb_curl_xferinfo_cb)(void *userdata, curl_off_t dltotal, curl_off_t dlnow,
                                   curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode lb_curl_setopt_long(CURL *h, CURLoption opt, long value) {
    return curl_easy_setopt(h, opt, value);
}
static inline CURLcode lb_curl_setopt_off(CURL *h, CURLoption opt, curl_off_t value) {
    return curl_easy_setopt(h, opt, value);
}
/* libcurl copies string options (since 7.17), so the Swift string may go. */
static inline CURLcode lb_curl_setopt_string(CURL *h, CURLoption opt, const char *value) {
    return curl_easy_setopt(h, opt, value);
}
static inline CURLcode lb_curl_setopt_pointer(CURL *h, CURLoption opt, void *value) {
    return curl_easy_setopt(h, opt, value);
}
static inline CURLcode lb_curl_setopt_slist(CURL *h, CURLoption opt, struct curl_slist *value) {
    return curl_easy_setopt(h, opt, value);
}
static inline CURLcode lb_curl_setopt_data_cb(CURL *h, CURLoption opt, lb_curl_data_cb cb) {
    return curl_easy_setopt(h, opt, cb);
}
static inline CURLcode lb_curl_setopt_seek_cb(CURL *h, lb_curl_seek_cb cb) {
    return curl_easy_setopt(h, CURLOPT_SEEKFUNCTION, cb);
}
static inline CURLcode lb_curl_setopt_xferinfo_cb(CURL *h, lb_curl_xferinfo_cb cb) {
    return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, cb);
}
static inline CURLcode lb_curl_getinfo_long(CURL *h, CURLINFO info, long *value) {
    return curl_easy_getinfo(h, info, value);
}

/* Constants that are macros or enum members Swift may import awkwardly. */
static inline long lb_curl_global_all(void) { return CURL_GLOBAL_ALL; }
static inline size_t lb_curl_readfunc_abort(void) { return CURL_READFUNC_ABORT; }
static inline int lb_curl_seekfunc_ok(void) { return CURL_SEEKFUNC_OK; }
static inline int lb_curl_seekfunc_fail(void) { return CURL_SEEKFUNC_FAIL; }

#endif
