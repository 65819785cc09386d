/*
 * Exercises every function of include/artnorm.h, including every error
 * path. Built and run by tests/c_abi.rs (plain, with ASan/UBSan, under
 * valgrind). Usage: test_abi [SAMPLE_FILE]. Exits 0 when every check holds.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artnorm.h"

static int checks = 0;
static int failures = 0;

static void report(const char *file, int line, const char *what) {
    char message[512];
    size_t written = 0;
    artnorm_last_error(message, sizeof message, &written);
    fprintf(stderr, "%s:%d: check failed: %s (last error: %s)\n", file, line, what, message);
    failures++;
}

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        checks++;                                                                                  \
        if (!(cond)) {                                                                             \
            report(__FILE__, __LINE__, #cond);                                                     \
        }                                                                                          \
    } while (0)

#define CHECK_STATUS(call, want)                                                                   \
    do {                                                                                           \
        artnorm_status got_ = (call);                                                              \
        checks++;                                                                                  \
        if (got_ != (artnorm_status)(want)) {                                                      \
            char what_[256];                                                                       \
            snprintf(what_, sizeof what_, "%s returned %u (%s), want %s", #call, (unsigned)got_,   \
                     artnorm_status_str(got_), #want);                                             \
            report(__FILE__, __LINE__, what_);                                                     \
        }                                                                                          \
    } while (0)

#define OK ARTNORM_STATUS_OK
#define NULL_ARG ARTNORM_STATUS_NULL_ARGUMENT
#define OUT_OF_RANGE ARTNORM_STATUS_OUT_OF_RANGE

static const char SHORT[] = "Uncategorized\n\nLeaders meet in Pyongyang\n\n[ad_1]\n\n"
                            "By\xC2\xA0Tessa WongBBC News\n\n"
                            "The two leaders signed a \"pact\" on Wednesday.\n\n"
                            "Additional reporting by Joel Guinto and Kelly Ng.\n\n[ad_2]\n\nSource link";

static int view_is(artnorm_str view, const char *text) {
    return view.ptr != NULL && view.len == strlen(text) && memcmp(view.ptr, text, view.len) == 0;
}

static int view_contains(artnorm_str view, const char *needle) {
    size_t n = strlen(needle);
    if (view.ptr == NULL || view.len < n) {
        return 0;
    }
    for (size_t i = 0; i + n <= view.len; i++) {
        if (memcmp(view.ptr + i, needle, n) == 0) {
            return 1;
        }
    }
    return 0;
}

static int last_error_contains(const char *needle) {
    char message[512];
    artnorm_last_error(message, sizeof message, NULL);
    return strstr(message, needle) != NULL;
}

static artnorm_article *normalize(const char *text, size_t len, const artnorm_options *options) {
    artnorm_article *article = NULL;
    CHECK_STATUS(artnorm_normalize((const uint8_t *)text, len, options, &article), OK);
    CHECK(article != NULL);
    return article;
}

/* A private copy of a view, to compare with the view later. */
typedef struct {
    artnorm_str view;
    unsigned char *copy;
} kept_view;

#define MAX_KEPT 4096
static kept_view kept[MAX_KEPT];
static size_t kept_count = 0;

static void keep(artnorm_str view) {
    if (view.ptr == NULL || kept_count == MAX_KEPT) {
        return;
    }
    kept[kept_count].view = view;
    kept[kept_count].copy = malloc(view.len + 1);
    if (kept[kept_count].copy != NULL) {
        memcpy(kept[kept_count].copy, view.ptr, view.len);
        kept_count++;
    }
}

/* Reads every kept view again, after later accessor calls, then forgets them. */
static void check_kept_views(void) {
    for (size_t i = 0; i < kept_count; i++) {
        CHECK(memcmp(kept[i].view.ptr, kept[i].copy, kept[i].view.len) == 0);
        free(kept[i].copy);
    }
    kept_count = 0;
}

static int valid_utf8(artnorm_str view) {
    size_t i = 0;
    while (i < view.len) {
        unsigned char c = view.ptr[i];
        size_t n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 4;
        if (n == 4 || n > view.len - i - 1) {
            return 0;
        }
        for (size_t k = 1; k <= n; k++) {
            if ((view.ptr[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        i += n + 1;
    }
    return 1;
}

typedef artnorm_status (*str_getter)(const artnorm_article *, artnorm_str *);
typedef artnorm_status (*u32_getter)(const artnorm_article *, uint32_t *);
typedef artnorm_status (*str_at)(const artnorm_article *, size_t, artnorm_str *);
typedef artnorm_status (*u32_at)(const artnorm_article *, size_t, uint32_t *);
typedef artnorm_status (*span_at)(const artnorm_article *, size_t, artnorm_span *);
typedef artnorm_status (*float_at)(const artnorm_article *, size_t, float *);
typedef size_t (*counter)(const artnorm_article *);
typedef artnorm_status (*renderer)(const artnorm_article *, artnorm_string **);

static const str_getter STR_GETTERS[] = {
    artnorm_article_title, artnorm_article_category, artnorm_article_published,
    artnorm_article_byline_outlet, artnorm_article_encoding_name,
};
static const u32_getter U32_GETTERS[] = {
    artnorm_article_schema, artnorm_article_has_byline, artnorm_article_encoding_detected,
    artnorm_article_encoding_bom, artnorm_article_spin_is_spun,
};
static const renderer RENDERERS[] = {
    artnorm_article_to_json, artnorm_article_to_text, artnorm_article_to_markdown,
    artnorm_article_body_text,
};

/* An indexed list of the article: its count and the accessors of one item. */
typedef struct {
    const char *name;
    counter count;
    str_at strs[3];
    u32_at u32s[1];
    span_at spans[1];
    float_at floats[1];
} list;

static const list LISTS[] = {
    {"byline authors", artnorm_article_byline_author_count, {artnorm_article_byline_author}, {0}, {0}, {0}},
    {"blocks", artnorm_article_block_count,
     {artnorm_article_block_credit, artnorm_article_block_alt, artnorm_article_block_caption},
     {artnorm_article_block_type}, {0}, {0}},
    {"contributors", artnorm_article_contributor_count, {artnorm_article_contributor}, {0}, {0}, {0}},
    {"removed", artnorm_article_removed_count,
     {artnorm_article_removed_kind, artnorm_article_removed_text}, {0},
     {artnorm_article_removed_span}, {0}},
    {"spin findings", artnorm_article_spin_finding_count,
     {artnorm_article_spin_finding_found, artnorm_article_spin_finding_suggestion,
      artnorm_article_spin_finding_rule},
     {artnorm_article_spin_finding_applied}, {artnorm_article_spin_finding_span},
     {artnorm_article_spin_finding_confidence}},
};

/* Calls every accessor of `article` on every item, checks the model's
 * invariants and every NULL / out-of-range path, then rereads the views. */
static void walk_article(const artnorm_article *article, size_t input_len) {
    artnorm_str view;
    uint32_t flag;
    float number;
    artnorm_span span;

    for (size_t g = 0; g < sizeof STR_GETTERS / sizeof *STR_GETTERS; g++) {
        CHECK_STATUS(STR_GETTERS[g](article, &view), OK);
        CHECK(view.ptr != NULL || view.len == 0);
        CHECK(valid_utf8(view));
        keep(view);
        CHECK_STATUS(STR_GETTERS[g](NULL, &view), NULL_ARG);
        CHECK_STATUS(STR_GETTERS[g](article, NULL), NULL_ARG);
    }
    for (size_t g = 0; g < sizeof U32_GETTERS / sizeof *U32_GETTERS; g++) {
        flag = 77;
        CHECK_STATUS(U32_GETTERS[g](article, &flag), OK);
        CHECK(flag <= 1 || g == 0);
        CHECK_STATUS(U32_GETTERS[g](NULL, &flag), NULL_ARG);
        CHECK_STATUS(U32_GETTERS[g](article, NULL), NULL_ARG);
    }
    CHECK_STATUS(artnorm_article_schema(article, &flag), OK);
    CHECK(flag == ARTNORM_SCHEMA_VERSION);
    CHECK_STATUS(artnorm_article_encoding_name(article, &view), OK);
    CHECK(view.len > 0);
    CHECK_STATUS(artnorm_article_spin_score(article, &number), OK);
    CHECK(number >= 0.0f && number <= 1.0f);
    CHECK_STATUS(artnorm_article_spin_score(NULL, &number), NULL_ARG);
    CHECK_STATUS(artnorm_article_spin_score(article, NULL), NULL_ARG);

    uint32_t has_byline;
    CHECK_STATUS(artnorm_article_has_byline(article, &has_byline), OK);
    CHECK_STATUS(artnorm_article_byline_outlet(article, &view), OK);
    if (!has_byline) {
        CHECK(artnorm_article_byline_author_count(article) == 0 && view.ptr == NULL);
    }

    for (size_t l = 0; l < sizeof LISTS / sizeof *LISTS; l++) {
        const list *items = &LISTS[l];
        size_t n = items->count(article);
        CHECK(items->count(NULL) == 0);
        for (size_t i = 0; i <= n; i++) {
            artnorm_status want = i < n ? OK : OUT_OF_RANGE;
            for (size_t k = 0; k < 3 && items->strs[k] != NULL; k++) {
                view.ptr = (const uint8_t *)"junk";
                CHECK_STATUS(items->strs[k](article, i, &view), want);
                if (i < n) {
                    CHECK(view.ptr != NULL || view.len == 0);
                    CHECK(valid_utf8(view));
                    keep(view);
                }
                CHECK_STATUS(items->strs[k](NULL, i, &view), NULL_ARG);
                CHECK_STATUS(items->strs[k](article, i, NULL), NULL_ARG);
            }
            if (items->u32s[0] != NULL) {
                CHECK_STATUS(items->u32s[0](article, i, &flag), want);
                CHECK_STATUS(items->u32s[0](NULL, i, &flag), NULL_ARG);
                CHECK_STATUS(items->u32s[0](article, i, NULL), NULL_ARG);
            }
            if (items->spans[0] != NULL) {
                CHECK_STATUS(items->spans[0](article, i, &span), want);
                if (i < n) {
                    CHECK(span.start <= span.end && span.end <= input_len);
                }
                CHECK_STATUS(items->spans[0](NULL, i, &span), NULL_ARG);
                CHECK_STATUS(items->spans[0](article, i, NULL), NULL_ARG);
            }
            if (items->floats[0] != NULL) {
                CHECK_STATUS(items->floats[0](article, i, &number), want);
                if (i < n) {
                    CHECK(number >= 0.0f && number <= 1.0f);
                }
                CHECK_STATUS(items->floats[0](NULL, i, &number), NULL_ARG);
                CHECK_STATUS(items->floats[0](article, i, NULL), NULL_ARG);
            }
        }
        /* A huge index is refused, not read. */
        if (items->strs[0] != NULL) {
            CHECK_STATUS(items->strs[0](article, (size_t)-1, &view), OUT_OF_RANGE);
            CHECK(last_error_contains("out of range"));
        }
    }

    /* Blocks: text for every type but figures; figure fields only on figures. */
    size_t blocks = artnorm_article_block_count(article);
    for (size_t i = 0; i < blocks; i++) {
        uint32_t type = 99;
        artnorm_str text, credit, alt, caption;
        CHECK_STATUS(artnorm_article_block_type(article, i, &type), OK);
        CHECK(type <= ARTNORM_BLOCK_TYPE_FIGURE);
        CHECK_STATUS(artnorm_article_block_text(article, i, &text), OK);
        CHECK_STATUS(artnorm_article_block_credit(article, i, &credit), OK);
        CHECK_STATUS(artnorm_article_block_alt(article, i, &alt), OK);
        CHECK_STATUS(artnorm_article_block_caption(article, i, &caption), OK);
        keep(text);
        if (type == ARTNORM_BLOCK_TYPE_FIGURE) {
            CHECK(text.ptr == NULL && text.len == 0);
            CHECK(credit.ptr != NULL || alt.ptr != NULL || caption.ptr != NULL);
        } else {
            CHECK(text.ptr != NULL && text.len > 0);
            CHECK(credit.ptr == NULL && alt.ptr == NULL && caption.ptr == NULL);
        }
    }
    CHECK_STATUS(artnorm_article_block_text(article, blocks, &view), OUT_OF_RANGE);
    CHECK_STATUS(artnorm_article_block_text(NULL, 0, &view), NULL_ARG);
    CHECK_STATUS(artnorm_article_block_text(article, 0, NULL), NULL_ARG);

    /* Repairs: kind names and positive counts. */
    size_t repairs = artnorm_article_repair_count(article);
    CHECK(artnorm_article_repair_count(NULL) == 0);
    for (size_t i = 0; i <= repairs; i++) {
        uint64_t count = 0;
        CHECK_STATUS(artnorm_article_repair(article, i, &view, &count), i < repairs ? OK : OUT_OF_RANGE);
        if (i < repairs) {
            CHECK(view.len > 0 && count > 0);
            keep(view);
        }
    }
    uint64_t count;
    CHECK_STATUS(artnorm_article_repair(NULL, 0, &view, &count), NULL_ARG);
    CHECK_STATUS(artnorm_article_repair(article, 0, NULL, &count), NULL_ARG);
    CHECK_STATUS(artnorm_article_repair(article, 0, &view, NULL), NULL_ARG);

    /* Renderers: owned, NUL-terminated strings. */
    for (size_t r = 0; r < sizeof RENDERERS / sizeof *RENDERERS; r++) {
        artnorm_string *string = NULL;
        CHECK_STATUS(RENDERERS[r](article, &string), OK);
        CHECK_STATUS(artnorm_string_view(string, &view), OK);
        CHECK(view.ptr != NULL && view.ptr[view.len] == '\0');
        CHECK(valid_utf8(view));
        if (r == 0) {
            CHECK(view.len > 11 && memcmp(view.ptr, "{\"schema\":1,", 12) == 0);
        }
        artnorm_string_free(string);
        string = (artnorm_string *)&view; /* must stay untouched on failure */
        CHECK_STATUS(RENDERERS[r](NULL, &string), NULL_ARG);
        CHECK(string == (artnorm_string *)&view);
        CHECK_STATUS(RENDERERS[r](article, NULL), NULL_ARG);
    }

    check_kept_views();
}

static void test_version(void) {
    CHECK(strcmp(artnorm_version(), ARTNORM_VERSION) == 0);
    char expected[64];
    snprintf(expected, sizeof expected, "%d.%d.%d", ARTNORM_VERSION_MAJOR, ARTNORM_VERSION_MINOR,
             ARTNORM_VERSION_PATCH);
    CHECK(strncmp(artnorm_version(), expected, strlen(expected)) == 0);
}

static void test_status_str(void) {
    for (uint32_t code = ARTNORM_STATUS_OK; code <= ARTNORM_STATUS_PANIC; code++) {
        CHECK(strcmp(artnorm_status_str(code), "unknown status") != 0);
    }
    CHECK(strcmp(artnorm_status_str(ARTNORM_STATUS_OK), "ok") == 0);
    CHECK(strcmp(artnorm_status_str(12345), "unknown status") == 0);
}

static void test_last_error(void) {
    artnorm_article *article = NULL;
    CHECK_STATUS(artnorm_normalize(NULL, 0, NULL, &article), ARTNORM_STATUS_EMPTY_INPUT);
    size_t full = 0;
    CHECK_STATUS(artnorm_last_error(NULL, 0, &full), OK);
    CHECK(full > 5);
    char small[6];
    memset(small, 'x', sizeof small);
    size_t written = 0;
    CHECK_STATUS(artnorm_last_error(small, sizeof small, &written), OK);
    CHECK(written == full);
    CHECK(strlen(small) == 5);
    char *big = malloc(full + 1);
    CHECK_STATUS(artnorm_last_error(big, full + 1, &written), OK);
    CHECK(strlen(big) == full && written == full);
    CHECK(strncmp(big, small, 5) == 0);
    free(big);
    CHECK_STATUS(artnorm_last_error(small, 1, NULL), OK);
    CHECK(small[0] == '\0');
    CHECK_STATUS(artnorm_last_error(NULL, 4, &written), NULL_ARG);
    /* A failed artnorm_last_error leaves the message alone. */
    CHECK_STATUS(artnorm_last_error(NULL, 0, &written), OK);
    CHECK(written == full);
}

static void test_normalize_errors(void) {
    artnorm_article *article = NULL;
    CHECK_STATUS(artnorm_normalize(NULL, 0, NULL, &article), ARTNORM_STATUS_EMPTY_INPUT);
    CHECK(article == NULL);
    CHECK_STATUS(artnorm_normalize(NULL, 5, NULL, &article), NULL_ARG);
    CHECK(last_error_contains("text"));
    CHECK_STATUS(artnorm_normalize((const uint8_t *)SHORT, strlen(SHORT), NULL, NULL), NULL_ARG);
    CHECK(last_error_contains("out"));
    /* Bytes that are not UTF-8 are decoded by detection with default
     * options, and refused when the options insist on UTF-8. */
    static const char bad[] = "Headline\n\nbad \xFF byte";
    CHECK_STATUS(artnorm_normalize((const uint8_t *)bad, strlen(bad), NULL, &article), OK);
    uint32_t detected = 0;
    CHECK_STATUS(artnorm_article_encoding_detected(article, &detected), OK);
    CHECK(detected == 1);
    artnorm_article_free(article);
    article = NULL;
    artnorm_options *utf8_only = NULL;
    CHECK_STATUS(artnorm_options_new(&utf8_only), OK);
    CHECK_STATUS(artnorm_options_set_encoding(utf8_only, (const uint8_t *)"utf-8", 5), OK);
    CHECK_STATUS(artnorm_normalize((const uint8_t *)bad, strlen(bad), utf8_only, &article),
                 ARTNORM_STATUS_INVALID_UTF8);
    CHECK(last_error_contains("offset 14"));
    CHECK(article == NULL);
    artnorm_options_free(utf8_only);
    static const char blank[] = " \n\t\r\n\xC2\xA0\n";
    CHECK_STATUS(artnorm_normalize((const uint8_t *)blank, strlen(blank), NULL, &article),
                 ARTNORM_STATUS_EMPTY_INPUT);
    CHECK(article == NULL);

    artnorm_options *options = NULL;
    CHECK_STATUS(artnorm_options_new(&options), OK);
    CHECK_STATUS(artnorm_options_set_max_input_bytes(options, 8), OK);
    CHECK_STATUS(artnorm_normalize((const uint8_t *)SHORT, strlen(SHORT), options, &article),
                 ARTNORM_STATUS_INPUT_TOO_LARGE);
    CHECK(last_error_contains("limit"));
    CHECK(article == NULL);
    artnorm_options_free(options);

    /* An encoding label nobody knows is refused when it is set, and the
     * options stay as they were. */
    CHECK_STATUS(artnorm_options_new(&options), OK);
    static const char label[] = "no-such-encoding";
    CHECK_STATUS(artnorm_options_set_encoding(options, (const uint8_t *)label, strlen(label)),
                 ARTNORM_STATUS_UNKNOWN_ENCODING);
    CHECK(last_error_contains("no-such-encoding"));
    CHECK_STATUS(artnorm_normalize((const uint8_t *)SHORT, strlen(SHORT), options, &article), OK);
    artnorm_article_free(article);
    article = NULL;
    artnorm_options_free(options);
}

static void test_options(void) {
    artnorm_options *options = NULL;
    CHECK_STATUS(artnorm_options_new(NULL), NULL_ARG);
    CHECK_STATUS(artnorm_options_new(&options), OK);
    CHECK(options != NULL);

    typedef artnorm_status (*setter)(artnorm_options *, uint32_t);
    static const struct {
        setter set;
        uint32_t max;
    } SETTERS[] = {
        {artnorm_options_set_quotes, ARTNORM_QUOTE_STYLE_CURLY},
        {artnorm_options_set_dashes, ARTNORM_DASH_STYLE_TYPOGRAPHIC},
        {artnorm_options_set_ellipses, ARTNORM_ELLIPSIS_STYLE_UNICODE},
        {artnorm_options_set_spin, ARTNORM_SPIN_MODE_REPAIR},
        {artnorm_options_set_strip_chrome, 1},
    };
    for (size_t s = 0; s < sizeof SETTERS / sizeof *SETTERS; s++) {
        for (uint32_t v = 0; v <= SETTERS[s].max; v++) {
            CHECK_STATUS(SETTERS[s].set(options, v), OK);
        }
        CHECK_STATUS(SETTERS[s].set(options, SETTERS[s].max + 1), ARTNORM_STATUS_INVALID_OPTION);
        CHECK(last_error_contains("invalid option"));
        CHECK_STATUS(SETTERS[s].set(options, UINT32_MAX), ARTNORM_STATUS_INVALID_OPTION);
        CHECK_STATUS(SETTERS[s].set(NULL, 0), NULL_ARG);
    }
    CHECK_STATUS(artnorm_options_set_spin_threshold(options, 0.5f), OK);
    CHECK_STATUS(artnorm_options_set_spin_threshold(options, 1.5f), ARTNORM_STATUS_INVALID_OPTION);
    CHECK_STATUS(artnorm_options_set_spin_threshold(options, -0.1f), ARTNORM_STATUS_INVALID_OPTION);
    CHECK_STATUS(artnorm_options_set_spin_threshold(options, NAN), ARTNORM_STATUS_INVALID_OPTION);
    CHECK_STATUS(artnorm_options_set_spin_threshold(NULL, 0.5f), NULL_ARG);
    CHECK_STATUS(artnorm_options_set_max_input_bytes(options, 0), ARTNORM_STATUS_INVALID_OPTION);
    CHECK_STATUS(artnorm_options_set_max_input_bytes(options, ARTNORM_DEFAULT_MAX_INPUT_BYTES), OK);
    CHECK_STATUS(artnorm_options_set_max_input_bytes(NULL, 10), NULL_ARG);
    static const char label[] = "windows-1252";
    CHECK_STATUS(artnorm_options_set_encoding(options, (const uint8_t *)label, strlen(label)), OK);
    CHECK_STATUS(artnorm_options_set_encoding(options, NULL, 3), NULL_ARG);
    CHECK_STATUS(artnorm_options_set_encoding(options, (const uint8_t *)"\xC3", 1),
                 ARTNORM_STATUS_INVALID_UTF8);
    CHECK_STATUS(artnorm_options_set_encoding(NULL, (const uint8_t *)label, strlen(label)), NULL_ARG);
    artnorm_options_free(options);
    artnorm_options_free(NULL);

    /* Options take effect; NULL options are the defaults. */
    CHECK_STATUS(artnorm_options_new(&options), OK);
    CHECK_STATUS(artnorm_options_set_quotes(options, ARTNORM_QUOTE_STYLE_CURLY), OK);
    artnorm_article *curly = normalize(SHORT, strlen(SHORT), options);
    artnorm_article *plain = normalize(SHORT, strlen(SHORT), NULL);
    artnorm_str a, b;
    CHECK_STATUS(artnorm_article_block_text(curly, 0, &a), OK);
    CHECK_STATUS(artnorm_article_block_text(plain, 0, &b), OK);
    CHECK(view_contains(a, "\xE2\x80\x9C" "pact" "\xE2\x80\x9D"));
    CHECK(view_contains(b, "\"pact\""));
    artnorm_article_free(curly);
    artnorm_article_free(plain);
    artnorm_options_free(options);
}

static void test_short_article(void) {
    artnorm_article *article = normalize(SHORT, strlen(SHORT), NULL);
    artnorm_str title, view;
    CHECK_STATUS(artnorm_article_title(article, &title), OK);
    CHECK(view_is(title, "Leaders meet in Pyongyang"));
    CHECK_STATUS(artnorm_article_category(article, &view), OK);
    CHECK(view.ptr == NULL && view.len == 0);
    CHECK(artnorm_article_byline_author_count(article) == 1);
    CHECK_STATUS(artnorm_article_byline_author(article, 0, &view), OK);
    CHECK(view_is(view, "Tessa Wong"));
    CHECK_STATUS(artnorm_article_byline_outlet(article, &view), OK);
    CHECK(view_is(view, "BBC News"));
    CHECK(artnorm_article_contributor_count(article) == 2);
    CHECK_STATUS(artnorm_article_contributor(article, 0, &view), OK);
    CHECK(view_is(view, "Joel Guinto"));
    CHECK(artnorm_article_removed_count(article) == 4);
    artnorm_span span;
    CHECK_STATUS(artnorm_article_removed_span(article, 0, &span), OK);
    CHECK(span.end - span.start == strlen("Uncategorized") &&
          memcmp(SHORT + span.start, "Uncategorized", span.end - span.start) == 0);
    CHECK_STATUS(artnorm_article_removed_kind(article, 0, &view), OK);
    CHECK(view_is(view, "category_placeholder"));
    CHECK_STATUS(artnorm_article_removed_text(article, 1, &view), OK);
    CHECK(view_is(view, "[ad_1]"));
    CHECK_STATUS(artnorm_article_encoding_name(article, &view), OK);
    CHECK(view_is(view, "UTF-8"));

    walk_article(article, strlen(SHORT));

    /* The title view read first is still good after every other call. */
    artnorm_article *other = normalize(SHORT, strlen(SHORT), NULL);
    artnorm_article_free(other);
    CHECK(view_is(title, "Leaders meet in Pyongyang"));

    artnorm_string *body = NULL;
    CHECK_STATUS(artnorm_article_body_text(article, &body), OK);
    CHECK_STATUS(artnorm_string_view(body, &view), OK);
    CHECK(strcmp((const char *)view.ptr, "The two leaders signed a \"pact\" on Wednesday.\n") == 0);
    CHECK_STATUS(artnorm_string_view(NULL, &view), NULL_ARG);
    CHECK_STATUS(artnorm_string_view(body, NULL), NULL_ARG);
    artnorm_string_free(body);
    artnorm_string_free(NULL);
    artnorm_article_free(article);
    artnorm_article_free(NULL);
}

static void test_bom(void) {
    static const char text[] = "\xEF\xBB\xBF" "Headline\n\n[ad_1]\n\nBody text of the story.";
    artnorm_article *article = normalize(text, strlen(text), NULL);
    uint32_t bom = 0, detected = 1;
    CHECK_STATUS(artnorm_article_encoding_bom(article, &bom), OK);
    CHECK(bom == 1);
    CHECK_STATUS(artnorm_article_encoding_detected(article, &detected), OK);
    CHECK(detected == 0);
    artnorm_span span;
    CHECK_STATUS(artnorm_article_removed_span(article, 0, &span), OK);
    CHECK(span.end - span.start == 6 && memcmp(text + span.start, "[ad_1]", 6) == 0);
    walk_article(article, strlen(text));
    artnorm_article_free(article);
}

static void test_parse_byline(void) {
    static const char text[] = "By Jane Doe and John Roe, Reuters";
    artnorm_byline *byline = NULL;
    artnorm_str view;
    CHECK_STATUS(artnorm_parse_byline((const uint8_t *)text, strlen(text), &byline), OK);
    CHECK(byline != NULL);
    CHECK(artnorm_byline_author_count(byline) == 2);
    CHECK(artnorm_byline_author_count(NULL) == 0);
    CHECK_STATUS(artnorm_byline_author(byline, 0, &view), OK);
    CHECK(view_is(view, "Jane Doe"));
    artnorm_str second;
    CHECK_STATUS(artnorm_byline_author(byline, 1, &second), OK);
    CHECK_STATUS(artnorm_byline_author(byline, 2, &view), OUT_OF_RANGE);
    CHECK_STATUS(artnorm_byline_author(NULL, 0, &view), NULL_ARG);
    CHECK_STATUS(artnorm_byline_author(byline, 0, NULL), NULL_ARG);
    CHECK_STATUS(artnorm_byline_outlet(byline, &view), OK);
    CHECK(view_is(view, "Reuters"));
    CHECK_STATUS(artnorm_byline_outlet(NULL, &view), NULL_ARG);
    CHECK_STATUS(artnorm_byline_outlet(byline, NULL), NULL_ARG);
    artnorm_string *json = NULL;
    CHECK_STATUS(artnorm_byline_to_json(byline, &json), OK);
    CHECK_STATUS(artnorm_string_view(json, &view), OK);
    CHECK(view_is(view, "{\"authors\":[\"Jane Doe\",\"John Roe\"],\"outlet\":\"Reuters\"}"));
    artnorm_string_free(json);
    CHECK_STATUS(artnorm_byline_to_json(NULL, &json), NULL_ARG);
    CHECK_STATUS(artnorm_byline_to_json(byline, NULL), NULL_ARG);
    CHECK(view_is(second, "John Roe")); /* still valid after later calls */
    artnorm_byline_free(byline);
    artnorm_byline_free(NULL);

    static const char nobody[] = "By the way, it rained.";
    byline = (artnorm_byline *)&view;
    CHECK_STATUS(artnorm_parse_byline((const uint8_t *)nobody, strlen(nobody), &byline), OK);
    CHECK(byline == NULL);
    CHECK_STATUS(artnorm_parse_byline(NULL, 0, &byline), OK);
    CHECK(byline == NULL);
    CHECK_STATUS(artnorm_parse_byline(NULL, 4, &byline), NULL_ARG);
    CHECK_STATUS(artnorm_parse_byline((const uint8_t *)text, strlen(text), NULL), NULL_ARG);
    CHECK_STATUS(artnorm_parse_byline((const uint8_t *)"By \xFF", 4, &byline), ARTNORM_STATUS_INVALID_UTF8);
}

static const char SPUN[] = "Title\n\nThey agreed to assist each individual other in the party of "
                           "aggression, Mr Putin said.";
static const char ORIGINAL[] = "They agreed to assist each other in the event of aggression, Mr Putin said.";

static void test_restore_from(void) {
    artnorm_article *article = normalize(SPUN, strlen(SPUN), NULL);
    artnorm_restoration *restoration = NULL;
    artnorm_str view, found0;
    size_t words = 0, total = 0;
    float aligned = -1.0f;
    const artnorm_article *restored = NULL;
    artnorm_string *string = NULL;

    CHECK_STATUS(artnorm_restore_from(article, (const uint8_t *)ORIGINAL, strlen(ORIGINAL), &restoration),
                 OK);
    CHECK(restoration != NULL);
    size_t n = artnorm_restoration_phrase_count(restoration);
    CHECK(n == 2);
    CHECK(artnorm_restoration_phrase_count(NULL) == 0);
    CHECK_STATUS(artnorm_restoration_phrase_found(restoration, 0, &found0), OK);
    CHECK(view_is(found0, "each individual"));
    CHECK_STATUS(artnorm_restoration_phrase_original(restoration, 0, &view), OK);
    CHECK(view_is(view, "each"));
    for (size_t i = 0; i <= n; i++) {
        artnorm_status want = i < n ? OK : OUT_OF_RANGE;
        CHECK_STATUS(artnorm_restoration_phrase_found(restoration, i, &view), want);
        if (i < n) {
            CHECK(view.ptr != NULL && valid_utf8(view));
        }
        CHECK_STATUS(artnorm_restoration_phrase_original(restoration, i, &view), want);
        if (i < n) {
            CHECK(view.ptr != NULL && valid_utf8(view));
        }
        CHECK_STATUS(artnorm_restoration_phrase_found(NULL, i, &view), NULL_ARG);
        CHECK_STATUS(artnorm_restoration_phrase_found(restoration, i, NULL), NULL_ARG);
        CHECK_STATUS(artnorm_restoration_phrase_original(NULL, i, &view), NULL_ARG);
        CHECK_STATUS(artnorm_restoration_phrase_original(restoration, i, NULL), NULL_ARG);
    }
    CHECK_STATUS(artnorm_restoration_phrase_found(restoration, (size_t)-1, &view), OUT_OF_RANGE);
    CHECK(last_error_contains("restored phrase"));

    CHECK_STATUS(artnorm_restoration_words_restored(restoration, &words), OK);
    CHECK_STATUS(artnorm_restoration_words_total(restoration, &total), OK);
    CHECK(words > 0 && words < total);
    CHECK_STATUS(artnorm_restoration_aligned(restoration, &aligned), OK);
    CHECK(aligned > 0.7f && aligned <= 1.0f);
    CHECK_STATUS(artnorm_restoration_words_restored(NULL, &words), NULL_ARG);
    CHECK_STATUS(artnorm_restoration_words_restored(restoration, NULL), NULL_ARG);
    CHECK_STATUS(artnorm_restoration_words_total(NULL, &words), NULL_ARG);
    CHECK_STATUS(artnorm_restoration_words_total(restoration, NULL), NULL_ARG);
    CHECK_STATUS(artnorm_restoration_aligned(NULL, &aligned), NULL_ARG);
    CHECK_STATUS(artnorm_restoration_aligned(restoration, NULL), NULL_ARG);

    /* The restored article is borrowed: read it like any article, never free it. */
    CHECK_STATUS(artnorm_restoration_article(restoration, &restored), OK);
    CHECK(restored != NULL && restored != article);
    CHECK_STATUS(artnorm_article_body_text(restored, &string), OK);
    CHECK_STATUS(artnorm_string_view(string, &view), OK);
    CHECK(view.len == strlen(ORIGINAL) + 1 && memcmp(view.ptr, ORIGINAL, strlen(ORIGINAL)) == 0);
    artnorm_string_free(string);
    walk_article(restored, strlen(SPUN));
    CHECK_STATUS(artnorm_restoration_article(NULL, &restored), NULL_ARG);
    CHECK_STATUS(artnorm_restoration_article(restoration, NULL), NULL_ARG);
    /* The input article keeps its spun wording. */
    CHECK_STATUS(artnorm_article_body_text(article, &string), OK);
    CHECK_STATUS(artnorm_string_view(string, &view), OK);
    CHECK(view_contains(view, "each individual other"));
    artnorm_string_free(string);

    CHECK_STATUS(artnorm_restoration_to_json(restoration, &string), OK);
    CHECK_STATUS(artnorm_string_view(string, &view), OK);
    CHECK(view.len > 24 && memcmp(view.ptr, "{\"article\":{\"schema\":1,", 23) == 0);
    CHECK(view_contains(view, "\"restored\":[{\"found\":\"each individual\",\"original\":\"each\"}"));
    CHECK(view_contains(view, "\"words_restored\":"));
    CHECK(view_contains(view, "\"aligned\":"));
    CHECK(view.ptr[view.len] == '\0');
    artnorm_string_free(string);
    string = (artnorm_string *)&view;
    CHECK_STATUS(artnorm_restoration_to_json(NULL, &string), NULL_ARG);
    CHECK(string == (artnorm_string *)&view);
    CHECK_STATUS(artnorm_restoration_to_json(restoration, NULL), NULL_ARG);

    CHECK(view_is(found0, "each individual")); /* still valid after later calls */
    artnorm_restoration_free(restoration);
    artnorm_restoration_free(NULL);

    /* Another story restores nothing; an empty original is valid input. */
    static const char other[] = "Markets fell sharply on Monday as traders sold shares in banks.";
    CHECK_STATUS(artnorm_restore_from(article, (const uint8_t *)other, strlen(other), &restoration), OK);
    CHECK(artnorm_restoration_phrase_count(restoration) == 0);
    CHECK_STATUS(artnorm_restoration_aligned(restoration, &aligned), OK);
    CHECK(aligned < 0.5f);
    artnorm_restoration_free(restoration);
    CHECK_STATUS(artnorm_restore_from(article, NULL, 0, &restoration), OK);
    CHECK(artnorm_restoration_phrase_count(restoration) == 0);
    artnorm_restoration_free(restoration);

    /* Errors: nothing is written to *out. */
    restoration = (artnorm_restoration *)&view;
    CHECK_STATUS(artnorm_restore_from(article, NULL, 3, &restoration), NULL_ARG);
    CHECK(last_error_contains("original"));
    CHECK_STATUS(artnorm_restore_from(NULL, (const uint8_t *)ORIGINAL, strlen(ORIGINAL), &restoration),
                 NULL_ARG);
    CHECK_STATUS(artnorm_restore_from(article, (const uint8_t *)ORIGINAL, strlen(ORIGINAL), NULL), NULL_ARG);
    CHECK_STATUS(artnorm_restore_from(article, (const uint8_t *)"They \xC3", 6, &restoration),
                 ARTNORM_STATUS_INVALID_UTF8);
    CHECK(restoration == (artnorm_restoration *)&view);
    artnorm_article_free(article);
}

static const char SOURCE[] = "Title\n\nPutin made the announcement in Pyongyang, his first since 2000, "
                             "and Kim Jong Un greeted him at Kim Il Sung Square at 0300 local time.";
static const char SPUN_COPY[] = "Title\n\nPutin made the announcement in Pyongyang, his to start with "
                                "due to the fact 2000, and Kim Jong Un greeted him at Kim Il Sung "
                                "Square at 0300 community time.";
static const char OTHER_STORY[] = "Title\n\nIn Seoul, officials said Kim Jong Un had tested missiles; "
                                  "Putin was in Moscow on Friday and Biden in Washington.";

static artnorm_fingerprint *fingerprint_of(const artnorm_article *article) {
    artnorm_fingerprint *fingerprint = NULL;
    CHECK_STATUS(artnorm_article_fingerprint(article, &fingerprint), OK);
    CHECK(fingerprint != NULL);
    return fingerprint;
}

static void test_fingerprint(void) {
    artnorm_article *source = normalize(SOURCE, strlen(SOURCE), NULL);
    artnorm_article *spun = normalize(SPUN_COPY, strlen(SPUN_COPY), NULL);
    artnorm_article *other = normalize(OTHER_STORY, strlen(OTHER_STORY), NULL);
    artnorm_fingerprint *fs = fingerprint_of(source);
    artnorm_fingerprint *fspun = fingerprint_of(spun);
    artnorm_fingerprint *fother = fingerprint_of(other);
    uint64_t value = 0, first = 0;
    size_t pairs = 0;
    float similarity = -1.0f, direct = -1.0f;

    CHECK(artnorm_fingerprint_len(fs) == ARTNORM_SIGNATURE_LEN);
    CHECK(artnorm_fingerprint_len(NULL) == 0);
    size_t same = 0;
    for (size_t i = 0; i <= ARTNORM_SIGNATURE_LEN; i++) {
        artnorm_status want = i < ARTNORM_SIGNATURE_LEN ? OK : OUT_OF_RANGE;
        CHECK_STATUS(artnorm_fingerprint_value(fs, i, &value), want);
        if (i == 0) {
            first = value;
        }
        if (i < ARTNORM_SIGNATURE_LEN) {
            uint64_t theirs = 0;
            CHECK_STATUS(artnorm_fingerprint_value(fspun, i, &theirs), OK);
            same += value == theirs;
        }
        CHECK_STATUS(artnorm_fingerprint_value(NULL, i, &value), NULL_ARG);
        CHECK_STATUS(artnorm_fingerprint_value(fs, i, NULL), NULL_ARG);
    }
    CHECK(last_error_contains("NULL"));
    CHECK_STATUS(artnorm_fingerprint_pairs(fs, &pairs), OK);
    CHECK(pairs > 0);
    CHECK_STATUS(artnorm_fingerprint_pairs(NULL, &pairs), NULL_ARG);
    CHECK_STATUS(artnorm_fingerprint_pairs(fs, NULL), NULL_ARG);

    CHECK_STATUS(artnorm_fingerprint_similarity(fs, fs, &similarity), OK);
    CHECK(similarity == 1.0f);
    CHECK_STATUS(artnorm_fingerprint_similarity(fspun, fs, &similarity), OK);
    CHECK(similarity > 0.8f);
    /* The similarity is the share of equal values. */
    CHECK(similarity == (float)same / (float)ARTNORM_SIGNATURE_LEN);
    CHECK_STATUS(artnorm_article_similarity(spun, source, &direct), OK);
    CHECK(direct == similarity);
    CHECK_STATUS(artnorm_fingerprint_similarity(fspun, fother, &similarity), OK);
    CHECK(similarity < 0.3f);
    CHECK_STATUS(artnorm_article_similarity(spun, other, &direct), OK);
    CHECK(direct == similarity);
    CHECK_STATUS(artnorm_fingerprint_similarity(NULL, fs, &similarity), NULL_ARG);
    CHECK_STATUS(artnorm_fingerprint_similarity(fs, NULL, &similarity), NULL_ARG);
    CHECK_STATUS(artnorm_fingerprint_similarity(fs, fs, NULL), NULL_ARG);
    CHECK_STATUS(artnorm_article_similarity(NULL, source, &similarity), NULL_ARG);
    CHECK_STATUS(artnorm_article_similarity(source, NULL, &similarity), NULL_ARG);
    CHECK_STATUS(artnorm_article_similarity(source, source, NULL), NULL_ARG);

    /* A fingerprint outlives its article. */
    artnorm_article_free(source);
    CHECK_STATUS(artnorm_fingerprint_value(fs, 0, &value), OK);
    CHECK(value == first);

    /* No anchors: no values, similar to nothing. */
    static const char plain_text[] = "Title\n\nthe weather was fine and nobody came.";
    artnorm_article *plain = normalize(plain_text, strlen(plain_text), NULL);
    artnorm_fingerprint *fplain = fingerprint_of(plain);
    CHECK(artnorm_fingerprint_len(fplain) == 0);
    CHECK_STATUS(artnorm_fingerprint_value(fplain, 0, &value), OUT_OF_RANGE);
    CHECK_STATUS(artnorm_fingerprint_pairs(fplain, &pairs), OK);
    CHECK(pairs == 0);
    CHECK_STATUS(artnorm_fingerprint_similarity(fplain, fplain, &similarity), OK);
    CHECK(similarity == 0.0f);

    artnorm_fingerprint *untouched = (artnorm_fingerprint *)&value;
    CHECK_STATUS(artnorm_article_fingerprint(NULL, &untouched), NULL_ARG);
    CHECK(untouched == (artnorm_fingerprint *)&value);
    CHECK_STATUS(artnorm_article_fingerprint(plain, NULL), NULL_ARG);

    artnorm_fingerprint_free(fs);
    artnorm_fingerprint_free(fspun);
    artnorm_fingerprint_free(fother);
    artnorm_fingerprint_free(fplain);
    artnorm_fingerprint_free(NULL);
    artnorm_article_free(spun);
    artnorm_article_free(other);
    artnorm_article_free(plain);
}

/* Several threads normalize with one shared options handle and read one
 * shared article at once; each thread's article equals the one normalized
 * sequentially, JSON byte for byte. */
static const artnorm_options *shared_options;
static const artnorm_article *shared_article;

static void *worker(void *arg) {
    (void)arg;
    artnorm_article *article = NULL;
    if (artnorm_normalize((const uint8_t *)SHORT, strlen(SHORT), shared_options, &article) != OK) {
        return (void *)1;
    }
    artnorm_str mine, theirs;
    int same = artnorm_article_title(article, &mine) == OK &&
               artnorm_article_title(shared_article, &theirs) == OK && mine.len == theirs.len &&
               memcmp(mine.ptr, theirs.ptr, mine.len) == 0;
    /* The whole article, as JSON: the same as the sequential result. */
    artnorm_string *json_mine = NULL, *json_theirs = NULL;
    artnorm_str jm = {NULL, 0}, jt = {NULL, 0};
    same = same && artnorm_article_to_json(article, &json_mine) == OK &&
           artnorm_article_to_json(shared_article, &json_theirs) == OK &&
           artnorm_string_view(json_mine, &jm) == OK && artnorm_string_view(json_theirs, &jt) == OK &&
           jm.len == jt.len && jm.len > 0 && memcmp(jm.ptr, jt.ptr, jm.len) == 0;
    artnorm_string_free(json_mine);
    artnorm_string_free(json_theirs);
    /* Restoring from and fingerprinting the shared article. */
    artnorm_restoration *restoration = NULL;
    artnorm_fingerprint *fingerprint = NULL;
    float similarity = -1.0f;
    same = same &&
           artnorm_restore_from(shared_article, (const uint8_t *)SHORT, strlen(SHORT), &restoration) == OK &&
           artnorm_article_fingerprint(shared_article, &fingerprint) == OK &&
           artnorm_article_similarity(shared_article, article, &similarity) == OK &&
           similarity >= 0.0f && similarity <= 1.0f;
    artnorm_restoration_free(restoration);
    artnorm_fingerprint_free(fingerprint);
    artnorm_article_free(article);
    return same ? NULL : (void *)1;
}

static void test_threads(void) {
    artnorm_options *options = NULL;
    CHECK_STATUS(artnorm_options_new(&options), OK);
    artnorm_article *article = normalize(SHORT, strlen(SHORT), options);
    shared_options = options;
    shared_article = article;
    pthread_t threads[8];
    for (size_t i = 0; i < 8; i++) {
        CHECK(pthread_create(&threads[i], NULL, worker, NULL) == 0);
    }
    for (size_t i = 0; i < 8; i++) {
        void *result = (void *)1;
        CHECK(pthread_join(threads[i], &result) == 0);
        CHECK(result == NULL);
    }
    artnorm_article_free(article);
    artnorm_options_free(options);
}

static void test_sample(const char *path) {
    FILE *file = fopen(path, "rb");
    CHECK(file != NULL);
    if (file == NULL) {
        return;
    }
    static unsigned char text[1 << 20];
    size_t len = fread(text, 1, sizeof text, file);
    fclose(file);
    CHECK(len > 0 && len < sizeof text);
    artnorm_article *article = normalize((const char *)text, len, NULL);
    CHECK(artnorm_article_block_count(article) > 0);
    walk_article(article, len);
    /* The sample against itself: fully similar, and its raw text restores
     * an article that reads as well as the first. */
    artnorm_fingerprint *fingerprint = fingerprint_of(article);
    CHECK(artnorm_fingerprint_len(fingerprint) == ARTNORM_SIGNATURE_LEN);
    float similarity = 0.0f;
    CHECK_STATUS(artnorm_fingerprint_similarity(fingerprint, fingerprint, &similarity), OK);
    CHECK(similarity == 1.0f);
    artnorm_fingerprint_free(fingerprint);
    artnorm_restoration *restoration = NULL;
    CHECK_STATUS(artnorm_restore_from(article, text, len, &restoration), OK);
    const artnorm_article *restored = NULL;
    CHECK_STATUS(artnorm_restoration_article(restoration, &restored), OK);
    CHECK(artnorm_article_block_count(restored) == artnorm_article_block_count(article));
    walk_article(restored, len);
    artnorm_restoration_free(restoration);
    artnorm_article_free(article);
}

int main(int argc, char **argv) {
    test_version();
    test_status_str();
    test_last_error();
    test_normalize_errors();
    test_options();
    test_short_article();
    test_bom();
    test_parse_byline();
    test_restore_from();
    test_fingerprint();
    test_threads();
    if (argc > 1) {
        test_sample(argv[1]);
    }
    if (failures > 0) {
        fprintf(stderr, "test_abi: %d of %d checks failed\n", failures, checks);
        return 1;
    }
    printf("test_abi: all %d checks passed\n", checks);
    return 0;
}
