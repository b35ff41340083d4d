// Segmenter::read_user_dict: jieba's load_userdict line format, plus '#' comment lines.
//
// jieba matches each stripped line with ^(.+?)( [0-9]+)?( [a-z]+)?$ — the shortest word such that
// the rest is an optional frequency and an optional lower-case part of speech. We do the same,
// and reject entries jieba would accept but could never segment (a word with whitespace in it),
// because in our files they are always a typo such as an upper-case part of speech.
#include <fstream>
#include <optional>
#include <string>

#include "core/utf8.h"
#include "text/segmenter.h"

namespace gk::text {
namespace {

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// True when `rest` matches ( [0-9]+)?( [a-z]+)?$; sets *freq when the frequency group matched.
bool match_tail(std::string_view rest, std::optional<std::string_view>* freq) {
  freq->reset();
  auto group = [&rest](auto pred) -> std::optional<std::string_view> {
    if (rest.size() < 2 || rest[0] != ' ') return std::nullopt;
    size_t i = 1;
    while (i < rest.size() && pred(rest[i])) ++i;
    if (i == 1) return std::nullopt;
    auto g = rest.substr(1, i - 1);
    rest.remove_prefix(i);
    return g;
  };
  std::string_view saved = rest;
  if (auto f = group([](char c) { return c >= '0' && c <= '9'; })) {
    *freq = f;
    group([](char c) { return c >= 'a' && c <= 'z'; });
    if (rest.empty()) return true;
    // The regex may also skip the frequency group; try that path too.
    rest = saved;
    freq->reset();
  }
  group([](char c) { return c >= 'a' && c <= 'z'; });
  return rest.empty();
}

}  // namespace

Result<std::vector<UserWord>> Segmenter::read_user_dict(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Error::not_found("无法读取用户词典 " + path));
  std::vector<UserWord> words;
  std::string raw;
  size_t line_no = 0;
  auto malformed = [&](const std::string& why) {
    return fail(Error::invalid_field(path + ":" + std::to_string(line_no),
                                     "用户词典第 " + std::to_string(line_no) + " 行" + why));
  };
  while (std::getline(in, raw)) {
    ++line_no;
    std::string_view line(raw);
    while (!line.empty() && is_ascii_space(line.front())) line.remove_prefix(1);
    while (!line.empty() && is_ascii_space(line.back())) line.remove_suffix(1);
    if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    if (line.empty() || line.front() == '#') continue;
    if (!gk::is_valid_utf8(line)) return malformed("不是合法的 UTF-8");
    // The shortest word whose remainder matches the tail: the tail starts at a space or is empty.
    std::optional<std::string_view> freq;
    size_t split = line.size();
    for (size_t i = 1; i < line.size(); ++i) {
      if (line[i] == ' ' && match_tail(line.substr(i), &freq)) {
        split = i;
        break;
      }
    }
    if (split == line.size()) freq.reset();
    std::string word(line.substr(0, split));
    for (char c : word) {
      if (is_ascii_space(c)) return malformed("的词条含空白（词频须为数字，词性须为小写字母）");
    }
    UserWord w{std::move(word), 0};
    if (freq) {
      if (freq->size() > 15) return malformed("的词频过大");
      int64_t f = std::stoll(std::string(*freq));
      w.freq = f == 0 ? -1 : f;  // an explicit 0 deletes the word, as jieba's del_word
    }
    words.push_back(std::move(w));
  }
  return words;
}

}  // namespace gk::text
