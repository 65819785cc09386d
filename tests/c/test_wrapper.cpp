// Exercises the C++17 wrapper include/artnorm.hpp: RAII handles, views,
// optionals and exceptions. Built and run by tests/c_abi.rs (with ASan and
// UBSan). Exits 0 when every check holds.
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>

#include "artnorm.hpp"

static int failures = 0;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);          \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

template <typename F> static artnorm_status status_of(F &&f) {
    try {
        f();
    } catch (const artnorm::Error &error) {
        CHECK(std::strlen(error.what()) > 0);
        return error.status();
    }
    return ARTNORM_STATUS_OK;
}

static const char SHORT[] = "Uncategorized\n\nLeaders meet in Pyongyang\n\n[ad_1]\n\n"
                            "By\xC2\xA0Tessa WongBBC News\n\n"
                            "The two leaders signed a \"pact\" on Wednesday.\n\n"
                            "Additional reporting by Joel Guinto and Kelly Ng.\n\n[ad_2]\n\nSource link";

int main() {
    CHECK(artnorm::version() == ARTNORM_VERSION);

    artnorm::Article article = artnorm::normalize(SHORT);
    const std::string_view title = article.title().value();
    CHECK(title == "Leaders meet in Pyongyang");
    CHECK(!article.category().has_value());
    CHECK(!article.published().has_value());
    CHECK(article.schema() == ARTNORM_SCHEMA_VERSION);
    CHECK(article.has_byline());
    CHECK(article.authors().size() == 1 && article.authors()[0] == "Tessa Wong");
    CHECK(article.outlet() == std::optional<std::string_view>("BBC News"));
    CHECK(article.block_count() == 1);
    const artnorm::Block block = article.block(0);
    CHECK(block.type == artnorm::BlockType::Paragraph);
    CHECK(block.text == "The two leaders signed a \"pact\" on Wednesday.");
    CHECK(!block.credit && !block.alt && !block.caption);
    CHECK(status_of([&] { article.block(1); }) == ARTNORM_STATUS_OUT_OF_RANGE);
    CHECK(article.contributors().size() == 2);
    const auto removed = article.removed();
    CHECK(removed.size() == 4 && removed[0].kind == "category_placeholder");
    CHECK(std::string_view(SHORT + removed[0].span.start, removed[0].span.end - removed[0].span.start) ==
          "Uncategorized");
    CHECK(!article.repairs().empty() && article.repairs()[0].count > 0);
    CHECK(article.encoding_name() == "UTF-8");
    CHECK(!article.encoding_detected() && !article.encoding_bom());
    CHECK(article.spin_score() >= 0.0f && article.spin_score() <= 1.0f);
    CHECK(article.spin_findings().size() == artnorm_article_spin_finding_count(article.get()));
    (void)article.is_spun();
    CHECK(article.to_json().rfind("{\"schema\":1,", 0) == 0);
    CHECK(article.to_text().find("Leaders meet in Pyongyang") != std::string::npos);
    CHECK(article.to_markdown().rfind("# Leaders meet in Pyongyang", 0) == 0);
    CHECK(article.body_text() == "The two leaders signed a \"pact\" on Wednesday.\n");

    // Moving the article keeps its views valid.
    artnorm::Article moved = std::move(article);
    CHECK(title == "Leaders meet in Pyongyang");
    CHECK(moved.title() == std::optional<std::string_view>(title));

    artnorm::Options options;
    options.quotes(artnorm::QuoteStyle::Curly)
        .dashes(artnorm::DashStyle::Ascii)
        .ellipses(artnorm::EllipsisStyle::Unicode)
        .spin(artnorm::SpinMode::Repair)
        .spin_threshold(0.9f)
        .strip_chrome(true)
        .max_input_bytes(1 << 20)
        .encoding("utf-8");
    const artnorm::Article curly = artnorm::normalize(SHORT, options);
    CHECK(curly.block(0).text.find("\xE2\x80\x9C" "pact" "\xE2\x80\x9D") != std::string_view::npos);

    CHECK(status_of([&] { options.quotes(static_cast<artnorm::QuoteStyle>(7)); }) ==
          ARTNORM_STATUS_INVALID_OPTION);
    CHECK(status_of([&] { options.spin_threshold(2.0f); }) == ARTNORM_STATUS_INVALID_OPTION);
    CHECK(status_of([&] { options.max_input_bytes(0); }) == ARTNORM_STATUS_INVALID_OPTION);
    CHECK(status_of([] { artnorm::normalize(""); }) == ARTNORM_STATUS_EMPTY_INPUT);
    // Not UTF-8: decoded by detection by default, refused when UTF-8 is required.
    CHECK(status_of([] { artnorm::normalize(std::string_view("Headline\n\nbad \xFF byte")); }) == ARTNORM_STATUS_OK);
    CHECK(status_of([&] { artnorm::normalize(std::string_view("bad \xFF"), options); }) ==
          ARTNORM_STATUS_INVALID_UTF8);
    CHECK(status_of([&] { options.encoding("no-such-encoding"); }) == ARTNORM_STATUS_UNKNOWN_ENCODING);
    artnorm::Options tiny;
    tiny.max_input_bytes(4);
    CHECK(status_of([&] { artnorm::normalize(SHORT, tiny); }) == ARTNORM_STATUS_INPUT_TOO_LARGE);

    const auto byline = artnorm::parse_byline("By Jane Doe and John Roe, Reuters");
    CHECK(byline.has_value());
    if (byline) {
        CHECK(byline->authors().size() == 2 && byline->authors()[1] == "John Roe");
        CHECK(byline->outlet() == std::optional<std::string_view>("Reuters"));
        CHECK(byline->to_json() == "{\"authors\":[\"Jane Doe\",\"John Roe\"],\"outlet\":\"Reuters\"}");
        CHECK(byline->get() != nullptr);
    }
    CHECK(!artnorm::parse_byline("By the way, it rained."));
    CHECK(status_of([] { artnorm::parse_byline("By \xFF"); }) == ARTNORM_STATUS_INVALID_UTF8);

    if (failures > 0) {
        std::fprintf(stderr, "test_wrapper: %d checks failed\n", failures);
        return 1;
    }
    std::printf("test_wrapper: all checks passed\n");
    return 0;
}
