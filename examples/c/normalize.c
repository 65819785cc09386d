/*
 * Normalizes a scraped article with the artnorm C API and prints its title,
 * byline and block list.
 *
 *   cargo build --release
 *   cc -std=c11 -Wall -Wextra -Werror -Iinclude examples/c/normalize.c \
 *      target/release/libartnorm.a -lpthread -ldl -lm -o normalize
 *   ./normalize [FILE]
 *
 * FILE defaults to the bundled sample samples/bbc-putin-kim-spun.txt
 * (relative to the working directory). Exits 0 on success, 1 on error.
 */
#include <stdio.h>
#include <stdlib.h>

#include "artnorm.h"

/* Reads a whole file; returns NULL on error. */
static unsigned char *read_file(const char *path, size_t *len) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        return NULL;
    }
    size_t cap = 1 << 16;
    size_t used = 0;
    unsigned char *data = malloc(cap);
    while (data != NULL) {
        used += fread(data + used, 1, cap - used, file);
        if (used < cap) {
            break;
        }
        unsigned char *grown = realloc(data, cap * 2);
        if (grown == NULL) {
            free(data);
            data = NULL;
            break;
        }
        data = grown;
        cap *= 2;
    }
    if (data != NULL && ferror(file)) {
        free(data);
        data = NULL;
    }
    fclose(file);
    *len = used;
    return data;
}

/* Prints a view, or `fallback` when the value is missing. */
static void print_view(artnorm_str view, const char *fallback) {
    if (view.ptr == NULL) {
        fputs(fallback, stdout);
    } else {
        fwrite(view.ptr, 1, view.len, stdout);
    }
}

static const char *block_type_name(uint32_t type) {
    switch (type) {
    case ARTNORM_BLOCK_TYPE_PARAGRAPH: return "paragraph";
    case ARTNORM_BLOCK_TYPE_HEADING: return "heading";
    case ARTNORM_BLOCK_TYPE_QUOTE: return "quote";
    case ARTNORM_BLOCK_TYPE_LIST_ITEM: return "list_item";
    case ARTNORM_BLOCK_TYPE_FIGURE: return "figure";
    default: return "unknown";
    }
}

/* Prints the last error of this thread after `what` failed with `status`. */
static int fail(const char *what, artnorm_status status) {
    char message[256];
    artnorm_last_error(message, sizeof message, NULL);
    fprintf(stderr, "normalize: %s: %s (%s)\n", what, message,
            artnorm_status_str(status));
    return 1;
}

static int print_article(const artnorm_article *article) {
    artnorm_str view;
    artnorm_status status;

    if ((status = artnorm_article_title(article, &view)) != ARTNORM_STATUS_OK) {
        return fail("title", status);
    }
    fputs("title: ", stdout);
    print_view(view, "(none)");

    fputs("\nauthors: ", stdout);
    size_t authors = artnorm_article_byline_author_count(article);
    if (authors == 0) {
        fputs("(none)", stdout);
    }
    for (size_t i = 0; i < authors; i++) {
        if ((status = artnorm_article_byline_author(article, i, &view)) != ARTNORM_STATUS_OK) {
            return fail("byline author", status);
        }
        if (i > 0) {
            fputs("; ", stdout);
        }
        print_view(view, "");
    }

    if ((status = artnorm_article_byline_outlet(article, &view)) != ARTNORM_STATUS_OK) {
        return fail("byline outlet", status);
    }
    fputs("\noutlet: ", stdout);
    print_view(view, "(none)");

    size_t blocks = artnorm_article_block_count(article);
    printf("\nblocks: %zu\n", blocks);
    for (size_t i = 0; i < blocks; i++) {
        uint32_t type;
        if ((status = artnorm_article_block_type(article, i, &type)) != ARTNORM_STATUS_OK) {
            return fail("block type", status);
        }
        printf("%zu. %s: ", i + 1, block_type_name(type));
        if (type == ARTNORM_BLOCK_TYPE_FIGURE) {
            artnorm_str caption, credit;
            if ((status = artnorm_article_block_caption(article, i, &caption)) != ARTNORM_STATUS_OK ||
                (status = artnorm_article_block_credit(article, i, &credit)) != ARTNORM_STATUS_OK) {
                return fail("figure", status);
            }
            print_view(caption, "(no caption)");
            fputs(" [", stdout);
            print_view(credit, "no credit");
            fputs("]", stdout);
        } else {
            if ((status = artnorm_article_block_text(article, i, &view)) != ARTNORM_STATUS_OK) {
                return fail("block text", status);
            }
            print_view(view, "");
        }
        fputs("\n", stdout);
    }
    return 0;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "samples/bbc-putin-kim-spun.txt";
    size_t len = 0;
    unsigned char *text = read_file(path, &len);
    if (text == NULL) {
        fprintf(stderr, "normalize: cannot read %s\n", path);
        return 1;
    }

    artnorm_article *article = NULL;
    artnorm_status status = artnorm_normalize(text, len, NULL, &article);
    free(text);
    if (status != ARTNORM_STATUS_OK) {
        return fail(path, status);
    }
    int rc = print_article(article);
    artnorm_article_free(article);
    return rc;
}
