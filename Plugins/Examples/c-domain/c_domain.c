/*
 * c_domain.c: a complete lb-datagen domain in plain C, against lb_domain.h
 * alone (no Swift, no kit). It registers the domain `orders`: one row per
 * web-shop order.
 *
 * Build (from the repository root) and use:
 *
 *   cc -shared -fPIC -O2 -I Sources/CLBDomain/include \
 *      -o libcdomain.so Plugins/Examples/c-domain/c_domain.c
 *   mkdir -p myplugins && cp libcdomain.so myplugins/
 *   lb-datagen --plugins-dir myplugins --domain orders --rows 100000 \
 *      --file-size-mb 16 --output ./out --param customers=5000
 *
 * What it shows:
 * - the one exported symbol, lb_domain_register, and the ABI version check;
 * - static descriptor tables that live as long as the process;
 * - open: parameter parsing, with errors reported through lb_error;
 * - fill: thread-safe (reads only the run state), randomness from
 *   lb_stream_seed(batch->stream_key, n), per-customer attributes from the
 *   run seed and the customer id alone, strings written into the host's
 *   arena (growing it with host->reserve_bytes), a nullable column;
 * - two kinds of text column: coupon_code is a STRING (each row's bytes in
 *   the arena), customer_tier and status are CATEGORY columns (each row a
 *   uint32_t index into a few fixed labels, which the host asks for once
 *   through the labels function and writes as the Parquet dictionary).
 *   Both read back as strings; a category is cheaper to fill and to encode.
 */
#include "lb_domain.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- randomness: a splitmix64 stream seeded from lb_stream_seed ---- */

typedef struct rng {
    uint64_t state;
} rng;

static uint64_t rng_next(rng *r) {
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, bound) (bound > 0; the tiny modulo bias is fine here). */
static uint64_t rng_below(rng *r, uint64_t bound) { return rng_next(r) % bound; }

/* Uniform in [0, 1). */
static double rng_unit(rng *r) { return (double)(rng_next(r) >> 11) * 0x1.0p-53; }

/* ---- schema ---- */

enum { COL_ORDER_ID, COL_ORDER_TS, COL_CUSTOMER_ID, COL_TIER, COL_AMOUNT, COL_STATUS, COL_COUPON, COL_COUNT };

static const lb_column_def columns[COL_COUNT] = {
    {"order_id", LB_TYPE_INT64, 0, "global row number"},
    {"order_ts", LB_TYPE_TIMESTAMP_MICROS, 0, "uniform over 2024, UTC"},
    {"customer_id", LB_TYPE_INT64, 0, "1..customers"},
    {"customer_tier", LB_TYPE_CATEGORY, 0, "standard, plus, vip: fixed per customer (run seed + id)"},
    {"amount", LB_TYPE_DOUBLE, 0, "order value in cents / 100; vip customers spend more"},
    {"status", LB_TYPE_CATEGORY, 0, "placed, shipped, delivered, returned"},
    {"coupon_code", LB_TYPE_STRING, 1, "SAVE10 / SAVE20 / FREESHIP on about 15% of orders, else null"},
};

static const lb_param_def params[] = {
    {"customers", "100000", "number of distinct customers (ids 1..customers)"},
};

/* ---- run state: built by open, read-only in fill ---- */

typedef struct orders_state {
    uint64_t seed;
    uint64_t customers;
} orders_state;

static void set_error(lb_error *error, const char *message, const char *value) {
    if (!error) return;
    snprintf(error->message, LB_ERROR_CAPACITY, "%s'%s'", message, value ? value : "");
}

static void *orders_open(const lb_domain *domain, const lb_param *p, uint32_t count, uint64_t seed, lb_error *error) {
    (void)domain;
    const char *text = params[0].default_value;
    for (uint32_t i = 0; i < count; i++) {
        if (strcmp(p[i].name, "customers") == 0) text = p[i].value;
    }
    char *end = NULL;
    errno = 0;
    unsigned long long customers = strtoull(text, &end, 10);
    if (text[0] == '\0' || text[0] == '-' || *end != '\0' || errno != 0 || customers < 1 || customers > 1000000000ull) {
        set_error(error, "parameter customers: expected a whole number in 1...1000000000, got ", text);
        return NULL;
    }
    orders_state *state = malloc(sizeof *state);
    if (!state) {
        set_error(error, "out of memory", "");
        return NULL;
    }
    state->seed = seed;
    state->customers = customers;
    return state;
}

static void orders_close(void *state) { free(state); }

/* Appends bytes as row `row` of a string column; `*length` is the arena fill. */
static int append(const lb_batch *batch, lb_column *column, uint64_t row, size_t *length, const char *bytes, size_t n) {
    if (*length + n > column->bytes_capacity) {
        size_t want = column->bytes_capacity * 2;
        if (want < *length + n) want = *length + n;
        if (batch->host->reserve_bytes(column, want) != LB_STATUS_OK) return -1;
    }
    memcpy(column->bytes + *length, bytes, n);
    *length += n;
    column->offsets[row + 1] = (uint32_t)*length;
    return 0;
}

/* The labels of the two CATEGORY columns: fill writes an index into these. */
static const char *const tiers[] = {"standard", "plus", "vip"};
static const char *const statuses[] = {"placed", "shipped", "delivered", "returned"};
static const char *const coupons[] = {"SAVE10", "SAVE20", "FREESHIP"};

/* Called by the host after open, once per CATEGORY column (its index in
   columns). These labels are fixed; a domain whose labels come from a
   parameter would return tables built by open and freed by close. */
static int orders_labels(void *state, uint32_t column, const char *const **labels, uint32_t *count, lb_error *error) {
    (void)state;
    switch (column) {
    case COL_TIER:
        *labels = tiers;
        *count = sizeof tiers / sizeof tiers[0];
        return LB_STATUS_OK;
    case COL_STATUS:
        *labels = statuses;
        *count = sizeof statuses / sizeof statuses[0];
        return LB_STATUS_OK;
    default:
        snprintf(error->message, LB_ERROR_CAPACITY, "orders: column %u is not a category", column);
        return LB_STATUS_FAILED;
    }
}

static int orders_fill(void *opaque, lb_batch *batch, lb_error *error) {
    const orders_state *state = opaque;
    lb_column *c = batch->columns;
    if (batch->column_count != COL_COUNT) {
        snprintf(error->message, LB_ERROR_CAPACITY, "orders: expected %d columns, got %u", COL_COUNT, batch->column_count);
        return LB_STATUS_FAILED;
    }
    /* One stream per purpose, all from the batch's key. */
    rng row_rng = {lb_stream_seed(batch->stream_key, 0)};
    rng coupon_rng = {lb_stream_seed(batch->stream_key, 1)};

    int64_t *order_id = c[COL_ORDER_ID].values;
    int64_t *order_ts = c[COL_ORDER_TS].values;
    int64_t *customer_id = c[COL_CUSTOMER_ID].values;
    uint32_t *tier = c[COL_TIER].values;     /* CATEGORY: label indices */
    double *amount = c[COL_AMOUNT].values;
    uint32_t *status = c[COL_STATUS].values;
    size_t coupon_len = 0;
    c[COL_COUPON].offsets[0] = 0;

    const int64_t year_start = 1704067200000000ll;           /* 2024-01-01 */
    const uint64_t year_micros = 366ull * 86400ull * 1000000ull;
    uint64_t global = batch->file_id * batch->rows_per_file + batch->first_row;

    for (uint64_t r = 0; r < batch->row_count; r++) {
        order_id[r] = (int64_t)(global + r);
        order_ts[r] = year_start + (int64_t)rng_below(&row_rng, year_micros);
        uint64_t customer = 1 + rng_below(&row_rng, state->customers);
        customer_id[r] = (int64_t)customer;

        /* A per-customer attribute: from the run seed and the id alone, so
           every file and every node gives a customer the same tier. */
        rng customer_rng = {lb_stream_seed(lb_stream_seed(state->seed, 0xC0FFEE), customer)};
        double t = rng_unit(&customer_rng);
        tier[r] = t < 0.80 ? 0 : t < 0.95 ? 1 : 2; /* standard, plus, vip */

        double base = 5.0 + 120.0 * rng_unit(&row_rng) * rng_unit(&row_rng);
        amount[r] = (double)(int64_t)(base * (tier[r] == 2 ? 3.0 : 1.0) * 100.0 + 0.5) / 100.0;
        status[r] = (uint32_t)rng_below(&row_rng, 4);

        if (rng_unit(&coupon_rng) < 0.15) {
            const char *coupon = coupons[rng_below(&coupon_rng, 3)];
            if (append(batch, &c[COL_COUPON], r, &coupon_len, coupon, strlen(coupon))) {
                snprintf(error->message, LB_ERROR_CAPACITY, "orders: out of memory growing a string column");
                return LB_STATUS_FAILED;
            }
        } else {
            c[COL_COUPON].validity[r] = 0; /* null: an empty string */
            c[COL_COUPON].offsets[r + 1] = (uint32_t)coupon_len;
        }
    }
    return LB_STATUS_OK;
}

static const lb_domain orders_domain = {
    .abi_version = LB_DOMAIN_ABI_VERSION,
    .struct_size = sizeof(lb_domain),
    .name = "orders",
    .version = "1.0.0",
    .description = "Example domain written in C: web-shop orders",
    .default_prefix = "examples/orders",
    .columns = columns,
    .column_count = COL_COUNT,
    .params = params,
    .param_count = sizeof params / sizeof params[0],
    .context = NULL,
    .open = orders_open,
    .fill = orders_fill,
    .close = orders_close,
    .labels = orders_labels,
};

__attribute__((visibility("default"))) int lb_domain_register(lb_registrar *registrar) {
    if (!registrar || registrar->abi_version != LB_DOMAIN_ABI_VERSION) return LB_STATUS_ABI_MISMATCH; /* a host we do not know */
    return registrar->add_domain(registrar, &orders_domain);
}
