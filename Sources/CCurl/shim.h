/* libcurl (Debian: libcurl4-openssl-dev). curl_easy_setopt and
   curl_easy_getinfo are variadic, which Swift cannot call: typed wrappers. */
#ifndef LB_CCURL_SHIM_H
#define LB_CCURL_SHIM_H
#include <curl/curl.h>
#endif
