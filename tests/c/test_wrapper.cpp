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

    // Restoring from the original: the restored article is a reference into
    // the restoration, valid as long as it (also after a move).
    const std::string_view original =
        "They agreed to assist each other in the event of aggression, Mr Putin said.";
    const artnorm::Article spun = artnorm::normalize(
        "Title\n\nThey agreed to assist each individual other in the party of aggression, Mr Putin said.");
    artnorm::Restoration restoration = artnorm::restore_from(spun, original);
    const auto phrases = restoration.restored();
    CHECK(phrases.size() == 2);
    CHECK(!phrases.empty() && phrases[0].found == "each individual" && phrases[0].original == "each");
    CHECK(restoration.words_restored() > 0 && restoration.words_restored() < restoration.words_total());
    CHECK(restoration.aligned() > 0.7f && restoration.aligned() <= 1.0f);
    CHECK(restoration.article().body_text() == std::string(original) + "\n");
    CHECK(restoration.article().title() == std::optional<std::string_view>("Title"));
    CHECK(restoration.to_json().rfind("{\"article\":{\"schema\":1,", 0) == 0);
    CHECK(spun.body_text().find("each individual other") != std::string::npos);
    const std::string_view restored_title = restoration.article().title().value_or("");
    artnorm::Restoration kept = std::move(restoration);
    CHECK(restored_title == "Title");
    CHECK(kept.article().body_text() == std::string(original) + "\n");
    CHECK(kept.restored().size() == 2 && kept.get() != nullptr);
    CHECK(artnorm::restore_from(spun, "Markets fell sharply on Monday as traders sold shares.").restored().empty());
    CHECK(status_of([&] { artnorm::restore_from(spun, std::string_view("They \xC3")); }) ==
          ARTNORM_STATUS_INVALID_UTF8);

    // Fingerprints: a spun copy is close to its source, another story is not.
    const artnorm::Article source = artnorm::normalize(
        "Title\n\nPutin made the announcement in Pyongyang, his first since 2000, "
        "and Kim Jong Un greeted him at Kim Il Sung Square at 0300 local time.");
    const artnorm::Article copy = artnorm::normalize(
        "Title\n\nPutin made the announcement in Pyongyang, his to start with due to the fact 2000, "
        "and Kim Jong Un greeted him at Kim Il Sung Square at 0300 community time.");
    const artnorm::Article other = artnorm::normalize(
        "Title\n\nIn Seoul, officials said Kim Jong Un had tested missiles; "
        "Putin was in Moscow on Friday and Biden in Washington.");
    const artnorm::Fingerprint fs = source.fingerprint();
    const artnorm::Fingerprint fcopy = copy.fingerprint();
    CHECK(fs.size() == ARTNORM_SIGNATURE_LEN && fs.values().size() == ARTNORM_SIGNATURE_LEN);
    CHECK(fs.values()[0] == fs.value(0));
    CHECK(fs.pairs() > 0);
    CHECK(status_of([&] { fs.value(ARTNORM_SIGNATURE_LEN); }) == ARTNORM_STATUS_OUT_OF_RANGE);
    CHECK(fs.similarity(fs) == 1.0f);
    CHECK(fcopy.similarity(fs) > 0.8f);
    CHECK(fcopy.similarity(fs) == artnorm::similarity(copy, source));
    CHECK(copy.similarity(other) < 0.3f);
    CHECK(artnorm::normalize("Title\n\nthe weather was fine and nobody came.").fingerprint().size() == 0);
    artnorm::Fingerprint moved_fp = copy.fingerprint();
    CHECK(moved_fp.get() != nullptr && moved_fp.similarity(fcopy) == 1.0f);

    if (failures > 0) {
        std::fprintf(stderr, "test_wrapper: %d checks failed\n", failures);
        return 1;
    }
    std::printf("test_wrapper: all checks passed\n");
    return 0;
}
