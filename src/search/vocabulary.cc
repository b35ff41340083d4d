#include "search/vocabulary.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "accounts/permission.h"
#include "core/utf8.h"

namespace gk::search {
namespace {

constexpr size_t kMaxWordChars = 20;
constexpr size_t kMaxSynonymChars = 30;
constexpr size_t kMaxGroup = 10;

bool has_space(std::string_view s) {
  for (unsigned char ch : s)
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') return true;
  // U+3000 IDEOGRAPHIC SPACE
  return s.find("\xE3\x80\x80") != std::string_view::npos;
}

// Splits a synonym line on spaces, tabs, ASCII and full-width commas, and 、.
std::vector<std::string> split_members(std::string_view line) {
  std::string unified(line);
  for (std::string_view sep : {"\xEF\xBC\x8C" /* ， */, "\xE3\x80\x81" /* 、 */, "\xE3\x80\x80" /* U+3000 */}) {
    for (size_t at; (at = unified.find(sep)) != std::string::npos;) unified.replace(at, sep.size(), " ");
  }
  std::vector<std::string> out;
  std::string cur;
  for (char ch : unified) {
    if (ch == ' ' || ch == ',' || ch == '\t' || ch == '\r') {
      if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

audit::AuditEvent event_for(const accounts::Principal& who, std::string action, std::string target,
                            std::string summary, const RequestContext& ctx) {
  audit::AuditEvent e;
  e.actor = who.actor();
  if (who.kind == accounts::Principal::Kind::kStaff) e.department = who.department;
  e.action = std::move(action);
  e.target = std::move(target);
  e.summary = std::move(summary);
  e.request_id = ctx.request_id;
  e.ip = ctx.ip;
  return e;
}

}  // namespace

std::string_view vocabulary_kind_name(VocabularyKind k) { return k == VocabularyKind::kWord ? "word" : "synonyms"; }

Result<std::vector<std::vector<std::string>>> parse_synonyms(std::string_view content) {
  std::vector<std::vector<std::string>> groups;
  int line_no = 0;
  size_t start = 0;
  while (start <= content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(start, end - start);
    ++line_no;
    start = end + 1;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    auto members = split_members(line);
    if (members.empty()) {
      if (end == content.size()) break;
      continue;
    }
    std::vector<std::string> unique;
    for (auto& m : members)
      if (std::find(unique.begin(), unique.end(), m) == unique.end()) unique.push_back(std::move(m));
    if (unique.size() < 2) {
      return fail(Error::invalid_field("synonyms", fmt::format("第 {} 行：同义词组至少要有两个不同的词", line_no)));
    }
    groups.push_back(std::move(unique));
    if (end == content.size()) break;
  }
  return groups;
}

VocabularyService::VocabularyService(VocabularyStore& store, std::string dict_dir)
    : store_(store), dict_dir_(std::move(dict_dir)) {}

Result<std::vector<VocabularyEntry>> VocabularyService::entries(const accounts::Principal& who) {
  GK_TRY_STATUS(accounts::authorize(&who, accounts::Permission::kUseBackOffice));
  std::vector<VocabularyEntry> out;
  GK_TRY_STATUS(store_.read([&](VocabularyRepository& repo) -> Status {
    GK_TRY_ASSIGN(list, repo.list());
    out = std::move(list);
    return ok();
  }));
  return out;
}

Result<int64_t> VocabularyService::add_word(const accounts::Principal& who, std::string_view word_in,
                                            const RequestContext& ctx) {
  GK_TRY_STATUS(accounts::authorize(&who, accounts::Permission::kManageSearch));
  const std::string word = trim(word_in);
  if (word.empty()) return fail(Error::invalid_field("word", "请填写词语"));
  if (!is_valid_utf8(word)) return fail(Error::invalid_field("word", "词语含有无效字符"));
  if (has_space(word)) return fail(Error::invalid_field("word", "词语中不能有空格"));
  if (utf8_length(word) > kMaxWordChars) {
    return fail(Error::invalid_field("word", fmt::format("词语最多 {} 个字", kMaxWordChars)));
  }
  int64_t id = 0;
  GK_TRY_STATUS(store_.transact([&](VocabularyRepository& repo, audit::AuditSink& audit) -> Status {
    VocabularyEntry e{0, VocabularyKind::kWord, word, who.actor(), {}};
    GK_TRY_ASSIGN(new_id, repo.add(e));
    id = new_id;
    return audit.append(event_for(who, "search.vocabulary.add_word", fmt::format("search_vocabulary:{}", id),
                                  fmt::format("检索词库添加词语「{}」", word), ctx));
  }));
  GK_TRY_STATUS(changed());
  return id;
}

Result<int64_t> VocabularyService::add_synonyms(const accounts::Principal& who, const std::vector<std::string>& terms,
                                                const RequestContext& ctx) {
  GK_TRY_STATUS(accounts::authorize(&who, accounts::Permission::kManageSearch));
  std::vector<std::string> members;
  for (const auto& t : terms) {
    for (auto& m : split_members(t)) {
      if (!is_valid_utf8(m)) return fail(Error::invalid_field("synonyms", "同义词含有无效字符"));
      if (utf8_length(m) > kMaxSynonymChars) {
        return fail(Error::invalid_field("synonyms", fmt::format("每个词最多 {} 个字", kMaxSynonymChars)));
      }
      if (std::find(members.begin(), members.end(), m) == members.end()) members.push_back(std::move(m));
    }
  }
  if (members.size() < 2) return fail(Error::invalid_field("synonyms", "同义词组至少要有两个不同的词"));
  if (members.size() > kMaxGroup) {
    return fail(Error::invalid_field("synonyms", fmt::format("一组最多 {} 个词", kMaxGroup)));
  }
  std::string text;
  for (const auto& m : members) text += (text.empty() ? "" : " ") + m;
  int64_t id = 0;
  GK_TRY_STATUS(store_.transact([&](VocabularyRepository& repo, audit::AuditSink& audit) -> Status {
    VocabularyEntry e{0, VocabularyKind::kSynonyms, text, who.actor(), {}};
    GK_TRY_ASSIGN(new_id, repo.add(e));
    id = new_id;
    return audit.append(event_for(who, "search.vocabulary.add_synonyms", fmt::format("search_vocabulary:{}", id),
                                  fmt::format("检索词库添加同义词组「{}」", text), ctx));
  }));
  GK_TRY_STATUS(changed());
  return id;
}

Status VocabularyService::remove(const accounts::Principal& who, int64_t id, const RequestContext& ctx) {
  GK_TRY_STATUS(accounts::authorize(&who, accounts::Permission::kManageSearch));
  GK_TRY_STATUS(store_.transact([&](VocabularyRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(removed, repo.remove(id));
    return audit.append(event_for(who, "search.vocabulary.remove", fmt::format("search_vocabulary:{}", id),
                                  fmt::format("检索词库删除{}「{}」",
                                              removed.kind == VocabularyKind::kWord ? "词语" : "同义词组", removed.text),
                                  ctx));
  }));
  return changed();
}

Result<Vocabulary> VocabularyService::effective() {
  Vocabulary v;
  namespace fs = std::filesystem;
  const fs::path dir(dict_dir_);
  if (fs::exists(dir / "gov.txt")) {
    GK_TRY_ASSIGN(words, text::Segmenter::read_user_dict((dir / "gov.txt").string()));
    v.words = std::move(words);
  }
  if (fs::exists(dir / "synonyms.txt")) {
    std::ifstream in(dir / "synonyms.txt", std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    auto groups = parse_synonyms(buf.str());
    if (!groups) return fail(Error::invalid("synonyms.txt: " + groups.error().message()));
    v.synonym_groups = std::move(*groups);
  }
  GK_TRY_STATUS(store_.read([&](VocabularyRepository& repo) -> Status {
    GK_TRY_ASSIGN(list, repo.list());
    for (auto& e : list) {
      if (e.kind == VocabularyKind::kWord) {
        v.words.push_back({e.text, 0});
      } else {
        v.synonym_groups.push_back(split_members(e.text));
      }
    }
    return ok();
  }));
  return v;
}

Status VocabularyService::changed() {
  if (!listener_) return ok();
  GK_TRY_ASSIGN(v, effective());
  listener_(v);
  return ok();
}

}  // namespace gk::search
