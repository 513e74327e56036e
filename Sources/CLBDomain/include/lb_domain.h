/*
 * lb_domain.h: the ABI between the lb-datagen host and a data-domain plugin.
 *
 * A plugin is a shared library exporting one C function, lb_domain_register.
 * The host calls it once with a registrar; the plugin adds one or more
 * domains. Only the plain C types below cross the boundary, so a plugin may
 * be written in Swift (against LBDomainKit) or in C against this header alone.
 *
 * Rules:
 * - Versioning: LB_DOMAIN_ABI_VERSION changes whenever any struct or rule
 *   here changes. The registrar carries the host's version and every
 *   lb_domain carries the plugin's; the host skips a domain whose version
 *   differs, and a plugin may refuse a host it does not know (returning
 *   LB_STATUS_ABI_MISMATCH from lb_domain_register).
 * - Memory: the host owns every buffer it hands out (columns, arenas, error
 *   buffers). A plugin owns its lb_domain and the tables it points to, which
 *   must stay valid for the life of the process (plugins are never unloaded),
 *   and the state it returns from open until close.
 * - Threads: open and close are called from one thread. fill is called
 *   concurrently from several threads on the same state, each with its own
 *   batch; it must not change shared state. A plugin never opens files,
 *   sockets or threads.
 * - Randomness: every random value of a batch must come from streams seeded
 *   with lb_stream_seed(batch->stream_key, n), and every per-entity attribute
 *   from the run seed and the entity id alone. Output is then a pure function
 *   of the inputs, whatever the worker count or node split.
 * - Errors: open returns NULL, fill and labels a failure status
 *   (LB_STATUS_FAILED), and each writes one line of text into the lb_error
 *   the host passes.
 * - Checks: after each fill the host verifies that validity bytes, and the
 *   BOOLEAN values of non-null rows, are 0 or 1, that string offsets start
 *   at 0, never go backwards and stay within
 *   the arena, and that CATEGORY indices of non-null rows name a label; a
 *   batch that breaks this fails the run, naming the library, rather than
 *   reaching a file.
 * - Spec files: declarative domains (YAML specs in the plugins folder, or
 *   named with --domain-spec) reach plugins through the registrar: the host
 *   reads each file and passes its path and text; a plugin that understands
 *   specs answers each one with add_spec_domain (a domain, or one line of
 *   error naming the file, line and field). Other plugins ignore them.
 * - Categories: a column of a small fixed set of strings (a status, a
 *   country) is best declared CATEGORY: fill writes each row's label index
 *   instead of its bytes, and the host writes the labels once per chunk as
 *   the Parquet dictionary. The labels may depend on parameters, so the
 *   host asks for them after open (lb_domain.labels). At most
 *   LB_CATEGORY_MAX_LABELS labels of LB_CATEGORY_MAX_BYTES bytes in all.
 */
#ifndef LB_DOMAIN_H
#define LB_DOMAIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LB_DOMAIN_ABI_VERSION 3u

/* Status codes of lb_domain_register, add_domain, add_spec_domain, fill,
   labels and reserve_bytes. Any non-zero status is a failure; the host reads
   LB_STATUS_ABI_MISMATCH from lb_domain_register only, to say why a library
   registered nothing. */
#define LB_STATUS_OK 0
#define LB_STATUS_FAILED 1
#define LB_STATUS_ABI_MISMATCH 2 /* lb_domain_register: the host's ABI version is not the plugin's */

/* Column types. Value layout in lb_column.values, one element per row. */
typedef enum lb_type {
    LB_TYPE_BOOLEAN = 1,          /* uint8_t, 0 or 1 */
    LB_TYPE_INT32 = 2,            /* int32_t */
    LB_TYPE_INT64 = 3,            /* int64_t */
    LB_TYPE_FLOAT = 4,            /* float */
    LB_TYPE_DOUBLE = 5,           /* double */
    LB_TYPE_STRING = 6,           /* UTF-8 bytes in an arena, see lb_column */
    LB_TYPE_TIMESTAMP_MICROS = 7, /* int64_t microseconds since 1970-01-01, no time zone */
    LB_TYPE_DATE = 8,             /* int32_t days since 1970-01-01 */
    LB_TYPE_CATEGORY = 9          /* uint32_t index into the column's labels (see lb_domain.labels);
                                     a STRING column in files, dictionary-encoded with no hashing */
} lb_type;

typedef struct lb_column_def {
    const char *name;
    uint32_t type;          /* an lb_type */
    uint32_t nullable;      /* 0: every row has a value; 1: rows may be null */
    const char *description;
} lb_column_def;

typedef struct lb_param_def {
    const char *name;
    const char *default_value; /* text, as a user would type it */
    const char *description;
} lb_param_def;

/* A resolved parameter handed to open: every declared name, defaults applied. */
typedef struct lb_param {
    const char *name;
    const char *value;
} lb_param;

#define LB_CATEGORY_MAX_LABELS 65536u
#define LB_CATEGORY_MAX_BYTES (1u << 20)

/* One line of error text, written by the plugin, owned by the host. */
#define LB_ERROR_CAPACITY 512
typedef struct lb_error {
    char message[LB_ERROR_CAPACITY];
} lb_error;

/*
 * One column of a batch, allocated by the host.
 * - Fixed-width types and CATEGORY: values holds row_count elements.
 * - STRING: row r is bytes[offsets[r] ..< offsets[r + 1]]; offsets[0] is 0
 *   and the plugin writes offsets[1...row_count]. When the arena is too small
 *   the plugin calls host->reserve_bytes, which may move bytes.
 * - Nullable columns: validity holds one byte per row, 1 = value, 0 = null
 *   (a null row's value or string is ignored; write 0 or an empty string).
 *   validity is NULL for non-nullable columns.
 */
typedef struct lb_column {
    void *values;
    uint8_t *validity;
    uint32_t *offsets;
    uint8_t *bytes;
    size_t bytes_capacity;
} lb_column;

typedef struct lb_host_api {
    uint32_t abi_version;
    /* Grow column->bytes to at least min_capacity bytes, keeping its
       contents. Returns LB_STATUS_OK, or non-zero when memory is exhausted. */
    int (*reserve_bytes)(lb_column *column, size_t min_capacity);
} lb_host_api;

/* A run of consecutive rows of one file, to be filled by the plugin. */
typedef struct lb_batch {
    uint64_t seed;           /* run seed */
    uint64_t file_id;
    uint64_t rows_per_file;  /* rows of every planned file; global row number = file_id * rows_per_file + row */
    uint64_t rows_in_file;   /* rows of this file */
    uint64_t first_row;      /* row index, within the file, of the batch's first row */
    uint64_t row_count;
    uint64_t stream_key;     /* derived by the host from (seed, file_id, first_row) */
    lb_column *columns;      /* one per declared column, in declared order */
    uint32_t column_count;
    const lb_host_api *host;
} lb_batch;

typedef struct lb_domain {
    uint32_t abi_version;    /* LB_DOMAIN_ABI_VERSION the plugin was built with; checked first */
    uint32_t struct_size;    /* sizeof(lb_domain) */
    const char *name;        /* what --domain selects */
    const char *version;     /* domain version; recorded in every file */
    const char *description;
    const char *default_prefix; /* object key prefix, e.g. "customer/interactions" */
    const lb_column_def *columns;
    uint32_t column_count;
    const lb_param_def *params;
    uint32_t param_count;
    void *context;           /* the plugin's own, passed back to open */

    /* Validate parameters and build run-wide tables. Returns the run state,
       or NULL with a message in error. */
    void *(*open)(const struct lb_domain *domain, const lb_param *params, uint32_t param_count,
                  uint64_t seed, lb_error *error);
    /* Fill batch->row_count rows. Returns LB_STATUS_OK, or non-zero with a message in error. */
    int (*fill)(void *state, lb_batch *batch, lb_error *error);
    void (*close)(void *state);
    /* The labels of CATEGORY column `column` (its index in columns) for this
       run: called after open, once per CATEGORY column. Sets *labels to
       *count NUL-terminated UTF-8 strings that stay valid until close
       (repeats are allowed and share a dictionary entry). Returns LB_STATUS_OK, or
       non-zero with a message in error. NULL when no column is a CATEGORY. */
    int (*labels)(void *state, uint32_t column, const char *const **labels, uint32_t *count, lb_error *error);
} lb_domain;

/* A declarative domain's spec file, read by the host. */
typedef struct lb_spec_file {
    const char *path;        /* as found or given, for messages */
    const char *text;        /* the whole file, NUL-terminated UTF-8 */
} lb_spec_file;

typedef struct lb_registrar {
    uint32_t abi_version;    /* the host's LB_DOMAIN_ABI_VERSION */
    void *context;           /* the host's own */
    /* Register a domain; the pointer must stay valid for the process's life.
       Returns LB_STATUS_OK when accepted. */
    int (*add_domain)(struct lb_registrar *registrar, const lb_domain *domain);
    /* Spec files to turn into domains; valid during lb_domain_register only. */
    const lb_spec_file *spec_files;
    uint32_t spec_file_count;
    /* A spec plugin's answer for spec_files[index]: the domain made from it
       (valid for the process's life), or NULL and one line of error text.
       Returns LB_STATUS_OK when accepted. */
    int (*add_spec_domain)(struct lb_registrar *registrar, uint32_t index, const lb_domain *domain, const char *error);
} lb_registrar;

/* The one symbol a plugin exports. Returns LB_STATUS_OK when it registered its
   domains, LB_STATUS_ABI_MISMATCH for a host ABI version it does not know. */
typedef int (*lb_domain_register_fn)(lb_registrar *registrar);
#define LB_DOMAIN_REGISTER_SYMBOL "lb_domain_register"

/* Seed of random stream `stream` of a batch (splitmix64 finalizer over the
   key and stream index): both sides derive streams the same way. */
static inline uint64_t lb_stream_seed(uint64_t stream_key, uint64_t stream) {
    uint64_t z = stream_key + (stream + 1u) * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

#ifdef __cplusplus
}
#endif

#endif /* LB_DOMAIN_H */
