// Normalizes a scraped article with the artnorm C++ wrapper and prints its
// title, byline and block list (the same output as examples/c/normalize.c).
//
//   cargo build --release
//   c++ -std=c++17 -Wall -Wextra -Werror -Iinclude examples/cpp/normalize.cpp
//       target/release/libartnorm.a -lpthread -ldl -lm -o normalize   (one line)
//   ./normalize [FILE]
//
// FILE defaults to the bundled sample samples/bbc-putin-kim-spun.txt
// (relative to the working directory). Exits 0 on success, 1 on error.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "artnorm.hpp"

static const char *type_name(artnorm::BlockType type) {
    switch (type) {
    case artnorm::BlockType::Paragraph: return "paragraph";
    case artnorm::BlockType::Heading: return "heading";
    case artnorm::BlockType::Quote: return "quote";
    case artnorm::BlockType::ListItem: return "list_item";
    case artnorm::BlockType::Figure: return "figure";
    }
    return "unknown";
}

int main(int argc, char **argv) {
    const std::string path = argc > 1 ? argv[1] : "samples/bbc-putin-kim-spun.txt";
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        std::cerr << "normalize: cannot read " << path << "\n";
        return 1;
    }
    std::ostringstream contents;
    contents << file.rdbuf();
    const std::string text = contents.str();

    try {
        const artnorm::Article article = artnorm::normalize(text);
        std::cout << "title: " << article.title().value_or("(none)") << "\n";
        std::cout << "authors: ";
        const auto authors = article.authors();
        if (authors.empty()) {
            std::cout << "(none)";
        }
        for (std::size_t i = 0; i < authors.size(); i++) {
            std::cout << (i > 0 ? "; " : "") << authors[i];
        }
        std::cout << "\noutlet: " << article.outlet().value_or("(none)") << "\n";
        const auto blocks = article.blocks();
        std::cout << "blocks: " << blocks.size() << "\n";
        for (std::size_t i = 0; i < blocks.size(); i++) {
            const artnorm::Block &block = blocks[i];
            std::cout << i + 1 << ". " << type_name(block.type) << ": ";
            if (block.type == artnorm::BlockType::Figure) {
                std::cout << block.caption.value_or("(no caption)") << " ["
                          << block.credit.value_or("no credit") << "]";
            } else {
                std::cout << block.text;
            }
            std::cout << "\n";
        }
    } catch (const artnorm::Error &error) {
        std::cerr << "normalize: " << path << ": " << error.what() << " ("
                  << artnorm_status_str(error.status()) << ")\n";
        return 1;
    }
    return 0;
}
