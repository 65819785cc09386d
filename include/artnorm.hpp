// artnorm C++17 wrapper: header-only, over the C API in artnorm.h.
//
// - RAII: artnorm::Options, artnorm::Article, artnorm::Byline,
//   artnorm::Restoration and artnorm::Fingerprint own their C handle
//   (move-only) and free it in their destructor.
// - Views: strings read from an Article, Byline or Restoration are
//   std::string_view into the object's own memory; they stay valid until that
//   object is destroyed (moving the object keeps them valid). The Article a
//   Restoration holds (`article()`) is a reference into the Restoration and
//   lives as long as it. A missing value is an empty std::optional.
//   Renderers (to_json, ...) return an owned std::string.
// - Errors: every failed C call throws artnorm::Error, a std::runtime_error
//   carrying the artnorm_status code and the library's message. Destructors
//   never throw.
// - Threads: as in the C API: a const Article / Byline / Restoration /
//   Fingerprint may be read from any number of threads at once; an Options object may be shared for
//   normalizing, but not changed while another thread uses it.
//
// SPDX-License-Identifier: MIT
#ifndef ARTNORM_HPP
#define ARTNORM_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "artnorm.h"

namespace artnorm {

/// A failed call: the C status code and the library's message.
class Error : public std::runtime_error {
public:
    Error(artnorm_status status, const std::string &message)
        : std::runtime_error(message), status_(status) {}

    /// The `artnorm_status` code (`ARTNORM_STATUS_*`).
    artnorm_status status() const noexcept { return status_; }

private:
    artnorm_status status_;
};

namespace detail {

/// The message of the last failed call on this thread.
inline std::string last_error() {
    std::size_t length = 0;
    if (artnorm_last_error(nullptr, 0, &length) != ARTNORM_STATUS_OK) {
        return {};
    }
    std::vector<char> buffer(length + 1);
    if (artnorm_last_error(buffer.data(), buffer.size(), nullptr) != ARTNORM_STATUS_OK) {
        return {};
    }
    return std::string(buffer.data());
}

inline void check(artnorm_status status) {
    if (status != ARTNORM_STATUS_OK) {
        throw Error(status, last_error());
    }
}

inline std::string_view view(artnorm_str v) noexcept {
    return v.ptr == nullptr ? std::string_view()
                            : std::string_view(reinterpret_cast<const char *>(v.ptr), v.len);
}

inline std::optional<std::string_view> optional_view(artnorm_str v) {
    if (v.ptr == nullptr) {
        return std::nullopt;
    }
    return view(v);
}

inline const std::uint8_t *bytes(std::string_view text) noexcept {
    return reinterpret_cast<const std::uint8_t *>(text.data());
}

struct Free {
    void operator()(artnorm_options *p) const noexcept { artnorm_options_free(p); }
    void operator()(artnorm_article *p) const noexcept { artnorm_article_free(p); }
    void operator()(artnorm_byline *p) const noexcept { artnorm_byline_free(p); }
    void operator()(artnorm_string *p) const noexcept { artnorm_string_free(p); }
    void operator()(artnorm_restoration *p) const noexcept { artnorm_restoration_free(p); }
    void operator()(artnorm_fingerprint *p) const noexcept { artnorm_fingerprint_free(p); }
};

/// Frees an owned article; leaves one borrowed from a restoration alone.
struct ArticleFree {
    bool owned = true;
    void operator()(artnorm_article *p) const noexcept {
        if (owned) {
            artnorm_article_free(p);
        }
    }
};

template <typename T> using Handle = std::unique_ptr<T, Free>;

/// Takes an owned C string and copies it into a std::string.
inline std::string take(artnorm_string *raw) {
    Handle<artnorm_string> string(raw);
    artnorm_str v{};
    check(artnorm_string_view(string.get(), &v));
    return std::string(view(v));
}

} // namespace detail

/// The library version, e.g. "0.1.0".
inline std::string_view version() noexcept { return artnorm_version(); }

/// How quotation marks and apostrophes are written.
enum class QuoteStyle : std::uint32_t {
    Preserve = ARTNORM_QUOTE_STYLE_PRESERVE,
    Straight = ARTNORM_QUOTE_STYLE_STRAIGHT,
    Curly = ARTNORM_QUOTE_STYLE_CURLY,
};

/// How dashes are written.
enum class DashStyle : std::uint32_t {
    Preserve = ARTNORM_DASH_STYLE_PRESERVE,
    Ascii = ARTNORM_DASH_STYLE_ASCII,
    Typographic = ARTNORM_DASH_STYLE_TYPOGRAPHIC,
};

/// How ellipses are written.
enum class EllipsisStyle : std::uint32_t {
    Preserve = ARTNORM_ELLIPSIS_STYLE_PRESERVE,
    Ascii = ARTNORM_ELLIPSIS_STYLE_ASCII,
    Unicode = ARTNORM_ELLIPSIS_STYLE_UNICODE,
};

/// What to do about machine-spun wording.
enum class SpinMode : std::uint32_t {
    Off = ARTNORM_SPIN_MODE_OFF,
    Detect = ARTNORM_SPIN_MODE_DETECT,
    Repair = ARTNORM_SPIN_MODE_REPAIR,
};

/// The type of a body block.
enum class BlockType : std::uint32_t {
    Paragraph = ARTNORM_BLOCK_TYPE_PARAGRAPH,
    Heading = ARTNORM_BLOCK_TYPE_HEADING,
    Quote = ARTNORM_BLOCK_TYPE_QUOTE,
    ListItem = ARTNORM_BLOCK_TYPE_LIST_ITEM,
    Figure = ARTNORM_BLOCK_TYPE_FIGURE,
};

/// Settings for normalize(); the setters chain and throw Error on a value
/// out of range.
class Options {
public:
    Options() {
        artnorm_options *raw = nullptr;
        detail::check(artnorm_options_new(&raw));
        handle_.reset(raw);
    }

    Options &quotes(QuoteStyle style) {
        detail::check(artnorm_options_set_quotes(handle_.get(), static_cast<std::uint32_t>(style)));
        return *this;
    }
    Options &dashes(DashStyle style) {
        detail::check(artnorm_options_set_dashes(handle_.get(), static_cast<std::uint32_t>(style)));
        return *this;
    }
    Options &ellipses(EllipsisStyle style) {
        detail::check(artnorm_options_set_ellipses(handle_.get(), static_cast<std::uint32_t>(style)));
        return *this;
    }
    Options &spin(SpinMode mode) {
        detail::check(artnorm_options_set_spin(handle_.get(), static_cast<std::uint32_t>(mode)));
        return *this;
    }
    Options &spin_threshold(float threshold) {
        detail::check(artnorm_options_set_spin_threshold(handle_.get(), threshold));
        return *this;
    }
    Options &strip_chrome(bool strip) {
        detail::check(artnorm_options_set_strip_chrome(handle_.get(), strip ? 1u : 0u));
        return *this;
    }
    Options &max_input_bytes(std::size_t limit) {
        detail::check(artnorm_options_set_max_input_bytes(handle_.get(), limit));
        return *this;
    }
    Options &encoding(std::string_view label) {
        detail::check(artnorm_options_set_encoding(handle_.get(), detail::bytes(label), label.size()));
        return *this;
    }

    /// The C handle, still owned by this object.
    const artnorm_options *get() const noexcept { return handle_.get(); }

private:
    detail::Handle<artnorm_options> handle_;
};

/// A byte range into the caller's input.
struct Span {
    std::size_t start;
    std::size_t end;
};

/// One body block. `text` is empty for figures; the figure fields are
/// empty optionals for other blocks.
struct Block {
    BlockType type;
    std::string_view text;
    std::optional<std::string_view> credit;
    std::optional<std::string_view> alt;
    std::optional<std::string_view> caption;
};

/// One audit-trail entry: what was left out, why, and where.
struct Removal {
    std::string_view kind;
    std::string_view text;
    Span span;
};

/// How many repairs of one kind were made.
struct Repair {
    std::string_view kind;
    std::uint64_t count;
};

/// One phrase that looks machine-spun.
struct SpinFinding {
    Span span;
    std::string_view found;
    std::string_view suggestion;
    float confidence;
    std::string_view rule;
    bool applied;
};

/// A spin-robust fingerprint of an article (a MinHash signature over pairs
/// of its numbers and names); it does not refer to the article and may
/// outlive it.
class Fingerprint {
public:
    /// Takes ownership of a C fingerprint handle (not NULL).
    explicit Fingerprint(artnorm_fingerprint *raw) noexcept : handle_(raw) {}

    /// ARTNORM_SIGNATURE_LEN, or 0 when the article has fewer than two
    /// anchors (numbers or names inside sentences).
    std::size_t size() const noexcept { return artnorm_fingerprint_len(get()); }
    /// MinHash value `index`; throws Error (ARTNORM_STATUS_OUT_OF_RANGE) past the end.
    std::uint64_t value(std::size_t index) const {
        std::uint64_t value = 0;
        detail::check(artnorm_fingerprint_value(get(), index, &value));
        return value;
    }
    std::vector<std::uint64_t> values() const {
        std::vector<std::uint64_t> out;
        for (std::size_t i = 0, n = size(); i < n; i++) {
            out.push_back(value(i));
        }
        return out;
    }
    /// How many distinct anchor pairs the signature summarises.
    std::size_t pairs() const {
        std::size_t pairs = 0;
        detail::check(artnorm_fingerprint_pairs(get(), &pairs));
        return pairs;
    }
    /// Estimated Jaccard similarity of the two articles' anchor pairs, in
    /// [0, 1]; 0 when either has no values.
    float similarity(const Fingerprint &other) const {
        float similarity = 0.0f;
        detail::check(artnorm_fingerprint_similarity(get(), other.get(), &similarity));
        return similarity;
    }

    /// The C handle, still owned by this object.
    const artnorm_fingerprint *get() const noexcept { return handle_.get(); }

private:
    detail::Handle<artnorm_fingerprint> handle_;
};

class Restoration;

/// A normalized article. Views it returns live as long as it does.
class Article {
public:
    /// Takes ownership of a C article handle (not NULL).
    explicit Article(artnorm_article *raw) noexcept : handle_(raw) {}

    std::uint32_t schema() const { return read_u32(artnorm_article_schema); }
    std::optional<std::string_view> title() const { return read_optional(artnorm_article_title); }
    std::optional<std::string_view> category() const { return read_optional(artnorm_article_category); }
    /// The publication date as YYYY-MM-DD.
    std::optional<std::string_view> published() const { return read_optional(artnorm_article_published); }

    bool has_byline() const { return read_u32(artnorm_article_has_byline) != 0; }
    std::vector<std::string_view> authors() const {
        return read_list(artnorm_article_byline_author_count, artnorm_article_byline_author);
    }
    std::optional<std::string_view> outlet() const { return read_optional(artnorm_article_byline_outlet); }

    std::size_t block_count() const noexcept { return artnorm_article_block_count(get()); }
    /// Block `index`; throws Error (ARTNORM_STATUS_OUT_OF_RANGE) past the end.
    Block block(std::size_t index) const {
        std::uint32_t type = 0;
        artnorm_str text{}, credit{}, alt{}, caption{};
        detail::check(artnorm_article_block_type(get(), index, &type));
        detail::check(artnorm_article_block_text(get(), index, &text));
        detail::check(artnorm_article_block_credit(get(), index, &credit));
        detail::check(artnorm_article_block_alt(get(), index, &alt));
        detail::check(artnorm_article_block_caption(get(), index, &caption));
        return Block{static_cast<BlockType>(type), detail::view(text), detail::optional_view(credit),
                     detail::optional_view(alt), detail::optional_view(caption)};
    }
    std::vector<Block> blocks() const {
        std::vector<Block> out;
        for (std::size_t i = 0, n = block_count(); i < n; i++) {
            out.push_back(block(i));
        }
        return out;
    }

    std::vector<std::string_view> contributors() const {
        return read_list(artnorm_article_contributor_count, artnorm_article_contributor);
    }

    std::vector<Removal> removed() const {
        std::vector<Removal> out;
        for (std::size_t i = 0, n = artnorm_article_removed_count(get()); i < n; i++) {
            artnorm_str kind{}, text{};
            artnorm_span span{};
            detail::check(artnorm_article_removed_kind(get(), i, &kind));
            detail::check(artnorm_article_removed_text(get(), i, &text));
            detail::check(artnorm_article_removed_span(get(), i, &span));
            out.push_back(Removal{detail::view(kind), detail::view(text), Span{span.start, span.end}});
        }
        return out;
    }

    std::vector<Repair> repairs() const {
        std::vector<Repair> out;
        for (std::size_t i = 0, n = artnorm_article_repair_count(get()); i < n; i++) {
            artnorm_str kind{};
            std::uint64_t count = 0;
            detail::check(artnorm_article_repair(get(), i, &kind, &count));
            out.push_back(Repair{detail::view(kind), count});
        }
        return out;
    }

    std::string_view encoding_name() const {
        artnorm_str v{};
        detail::check(artnorm_article_encoding_name(get(), &v));
        return detail::view(v);
    }
    bool encoding_detected() const { return read_u32(artnorm_article_encoding_detected) != 0; }
    bool encoding_bom() const { return read_u32(artnorm_article_encoding_bom) != 0; }

    bool is_spun() const { return read_u32(artnorm_article_spin_is_spun) != 0; }
    float spin_score() const {
        float score = 0.0f;
        detail::check(artnorm_article_spin_score(get(), &score));
        return score;
    }
    std::vector<SpinFinding> spin_findings() const {
        std::vector<SpinFinding> out;
        for (std::size_t i = 0, n = artnorm_article_spin_finding_count(get()); i < n; i++) {
            artnorm_span span{};
            artnorm_str found{}, suggestion{}, rule{};
            float confidence = 0.0f;
            std::uint32_t applied = 0;
            detail::check(artnorm_article_spin_finding_span(get(), i, &span));
            detail::check(artnorm_article_spin_finding_found(get(), i, &found));
            detail::check(artnorm_article_spin_finding_suggestion(get(), i, &suggestion));
            detail::check(artnorm_article_spin_finding_confidence(get(), i, &confidence));
            detail::check(artnorm_article_spin_finding_rule(get(), i, &rule));
            detail::check(artnorm_article_spin_finding_applied(get(), i, &applied));
            out.push_back(SpinFinding{Span{span.start, span.end}, detail::view(found),
                                      detail::view(suggestion), confidence, detail::view(rule),
                                      applied != 0});
        }
        return out;
    }

    std::string to_json() const { return render(artnorm_article_to_json); }
    std::string to_text() const { return render(artnorm_article_to_text); }
    std::string to_markdown() const { return render(artnorm_article_to_markdown); }
    std::string body_text() const { return render(artnorm_article_body_text); }

    /// The spin-robust fingerprint; keep it when comparing many articles.
    Fingerprint fingerprint() const {
        artnorm_fingerprint *raw = nullptr;
        detail::check(artnorm_article_fingerprint(get(), &raw));
        return Fingerprint(raw);
    }
    /// Similarity of the two articles' fingerprints, in [0, 1].
    float similarity(const Article &other) const {
        float similarity = 0.0f;
        detail::check(artnorm_article_similarity(get(), other.get(), &similarity));
        return similarity;
    }

    /// The C handle, still owned by this object (or by the Restoration it
    /// belongs to).
    const artnorm_article *get() const noexcept { return handle_.get(); }

private:
    friend class Restoration;

    /// A view of an article owned by a restoration; never freed.
    struct Borrowed {};
    Article(const artnorm_article *raw, Borrowed) noexcept
        : handle_(const_cast<artnorm_article *>(raw), detail::ArticleFree{false}) {}

    using StrGetter = artnorm_status (*)(const artnorm_article *, artnorm_str *);
    using U32Getter = artnorm_status (*)(const artnorm_article *, std::uint32_t *);
    using Counter = std::size_t (*)(const artnorm_article *);
    using StrAt = artnorm_status (*)(const artnorm_article *, std::size_t, artnorm_str *);
    using Renderer = artnorm_status (*)(const artnorm_article *, artnorm_string **);

    std::optional<std::string_view> read_optional(StrGetter getter) const {
        artnorm_str v{};
        detail::check(getter(get(), &v));
        return detail::optional_view(v);
    }
    std::uint32_t read_u32(U32Getter getter) const {
        std::uint32_t value = 0;
        detail::check(getter(get(), &value));
        return value;
    }
    std::vector<std::string_view> read_list(Counter count, StrAt at) const {
        std::vector<std::string_view> out;
        for (std::size_t i = 0, n = count(get()); i < n; i++) {
            artnorm_str v{};
            detail::check(at(get(), i, &v));
            out.push_back(detail::view(v));
        }
        return out;
    }
    std::string render(Renderer renderer) const {
        artnorm_string *raw = nullptr;
        detail::check(renderer(get(), &raw));
        return detail::take(raw);
    }

    std::unique_ptr<artnorm_article, detail::ArticleFree> handle_;
};

/// Normalizes one article (UTF-8, with or without a BOM) with the default
/// options. Throws Error.
inline Article normalize(std::string_view text) {
    artnorm_article *raw = nullptr;
    detail::check(artnorm_normalize(detail::bytes(text), text.size(), nullptr, &raw));
    return Article(raw);
}

/// Normalizes one article with `options`. Throws Error.
inline Article normalize(std::string_view text, const Options &options) {
    artnorm_article *raw = nullptr;
    detail::check(artnorm_normalize(detail::bytes(text), text.size(), options.get(), &raw));
    return Article(raw);
}

/// Similarity of two articles' fingerprints, in [0, 1]: a spun copy scores
/// high against its source, another story on the same topic low.
inline float similarity(const Article &a, const Article &b) { return a.similarity(b); }

/// One phrase copied back from the original.
struct RestoredPhrase {
    std::string_view found;
    std::string_view original;
};

/// The result of restore_from(): the article with the original wording
/// copied back, and what was restored. Views it returns, and article(), live
/// as long as it does.
class Restoration {
public:
    /// Takes ownership of a C restoration handle (not NULL).
    explicit Restoration(artnorm_restoration *raw) : handle_(raw), article_(borrow(raw)) {}

    /// The restored article, owned by this restoration.
    const Article &article() const noexcept { return article_; }
    /// Every phrase replaced, in reading order.
    std::vector<RestoredPhrase> restored() const {
        std::vector<RestoredPhrase> out;
        for (std::size_t i = 0, n = artnorm_restoration_phrase_count(get()); i < n; i++) {
            artnorm_str found{}, original{};
            detail::check(artnorm_restoration_phrase_found(get(), i, &found));
            detail::check(artnorm_restoration_phrase_original(get(), i, &original));
            out.push_back(RestoredPhrase{detail::view(found), detail::view(original)});
        }
        return out;
    }
    std::size_t words_restored() const { return read_size(artnorm_restoration_words_restored); }
    std::size_t words_total() const { return read_size(artnorm_restoration_words_total); }
    /// Share of the article's words aligned with the original, in [0, 1];
    /// below 0.5 nothing was restored.
    float aligned() const {
        float aligned = 0.0f;
        detail::check(artnorm_restoration_aligned(get(), &aligned));
        return aligned;
    }
    std::string to_json() const {
        artnorm_string *raw = nullptr;
        detail::check(artnorm_restoration_to_json(get(), &raw));
        return detail::take(raw);
    }

    /// The C handle, still owned by this object.
    const artnorm_restoration *get() const noexcept { return handle_.get(); }

private:
    using SizeGetter = artnorm_status (*)(const artnorm_restoration *, std::size_t *);

    // On a throw, handle_ (constructed first) frees the restoration.
    static Article borrow(const artnorm_restoration *raw) {
        const artnorm_article *article = nullptr;
        detail::check(artnorm_restoration_article(raw, &article));
        return Article(article, Article::Borrowed{});
    }
    std::size_t read_size(SizeGetter getter) const {
        std::size_t value = 0;
        detail::check(getter(get(), &value));
        return value;
    }

    detail::Handle<artnorm_restoration> handle_;
    Article article_;
};

/// Aligns `article` with a candidate original (its raw UTF-8 text) and
/// copies the original wording back where the alignment is confident.
/// Throws Error (invalid UTF-8).
inline Restoration restore_from(const Article &article, std::string_view original) {
    artnorm_restoration *raw = nullptr;
    detail::check(artnorm_restore_from(article.get(), detail::bytes(original), original.size(), &raw));
    return Restoration(raw);
}

/// A byline parsed on its own. Views it returns live as long as it does.
class Byline {
public:
    /// Takes ownership of a C byline handle (not NULL).
    explicit Byline(artnorm_byline *raw) noexcept : handle_(raw) {}

    std::vector<std::string_view> authors() const {
        std::vector<std::string_view> out;
        for (std::size_t i = 0, n = artnorm_byline_author_count(handle_.get()); i < n; i++) {
            artnorm_str v{};
            detail::check(artnorm_byline_author(handle_.get(), i, &v));
            out.push_back(detail::view(v));
        }
        return out;
    }
    std::optional<std::string_view> outlet() const {
        artnorm_str v{};
        detail::check(artnorm_byline_outlet(handle_.get(), &v));
        return detail::optional_view(v);
    }
    std::string to_json() const {
        artnorm_string *raw = nullptr;
        detail::check(artnorm_byline_to_json(handle_.get(), &raw));
        return detail::take(raw);
    }

    /// The C handle, still owned by this object.
    const artnorm_byline *get() const noexcept { return handle_.get(); }

private:
    detail::Handle<artnorm_byline> handle_;
};

/// Parses a byline given on its own; std::nullopt when it names nobody.
/// Throws Error (invalid UTF-8).
inline std::optional<Byline> parse_byline(std::string_view text) {
    artnorm_byline *raw = nullptr;
    detail::check(artnorm_parse_byline(detail::bytes(text), text.size(), &raw));
    if (raw == nullptr) {
        return std::nullopt;
    }
    return Byline(raw);
}

} // namespace artnorm

#endif // ARTNORM_HPP
