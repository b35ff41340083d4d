// The search index's inputs over real SQL, on SQLite and PostgreSQL: document changes announced in
// the outbox (SqlChangeFeed), the document search source (what is indexed, with full text and
// derived validity), and the staff search vocabulary (store + service).
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "documents/document_search_source.h"
#include "documents/document_service.h"
#include "library_fixture.h"
#include "search/vocabulary.h"
#include "storage/repos/sql_audit_log.h"
#include "storage/repos/sql_change_feed.h"
#include "storage/repos/sql_vocabulary_store.h"

namespace gk::storage_test {
namespace {

using accounts::Principal;
using accounts::Role;
using documents::DocumentDraft;
using documents::RelationKind;
using documents::WorkflowAction;

class SearchFeedTest : public LibraryTest {
 protected:
  void SetUp() override {
    LibraryTest::SetUp();
    if (HasFatalFailure()) return;
    editor_ = staff(11, "信息员", czj_, {Role::kEditor});
    reviewer_ = staff(12, "审核人", czj_, {Role::kReviewer});
    feed_ = std::make_unique<storage::SqlChangeFeed>(db());
    source_ = std::make_unique<documents::DocumentSearchSource>(
        *documents_, [](DepartmentId) { return std::pair<std::string, std::string>{"czj", "东阳市财政局"}; });
  }

  DocumentDraft draft(std::string title, std::string body = "<p>第一条 正文。</p>") {
    DocumentDraft d;
    d.title = std::move(title);
    d.formed_on = "2024-09-20";
    d.written_on = "2024-09-20";
    d.genre = "measures";
    d.topic = "finance";
    d.body_html = std::move(body);
    return d;
  }
  int version_of(DocumentId id) { return documents_->get(Principal::system(), id)->document.version; }
  DocumentId create(DocumentDraft d) {
    auto id = documents_->create(editor_, d, ctx_);
    EXPECT_TRUE(id) << describe(id.error());
    return *id;
  }
  void publish(DocumentId id, std::optional<Instant> at = std::nullopt) {
    EXPECT_TRUE(documents_->act(editor_, id, version_of(id), WorkflowAction::kSubmit, "", ctx_));
    EXPECT_TRUE(documents_->act(reviewer_, id, version_of(id), WorkflowAction::kApprove, "", ctx_));
    auto st = documents_->publish(reviewer_, id, version_of(id), at, ctx_);
    EXPECT_TRUE(st) << describe(st.error());
  }
  std::vector<search::ChangeEvent> events_after(int64_t seq) {
    auto events = feed_->after(seq, 1000);
    EXPECT_TRUE(events) << describe(events.error());
    return events ? *events : std::vector<search::ChangeEvent>{};
  }
  static bool names(const std::vector<search::ChangeEvent>& events, DocumentId id) {
    for (const auto& e : events)
      if (e.kind == "document" && e.id == std::to_string(id.value)) return true;
    return false;
  }

  Principal editor_, reviewer_;
  std::unique_ptr<storage::SqlChangeFeed> feed_;
  std::unique_ptr<documents::DocumentSearchSource> source_;
};

TEST_P(SearchFeedTest, EveryDocumentChangeIsAnnouncedInOrderInTheOutbox) {
  auto start = feed_->last_seq();
  GK_ASSERT_OK(start);
  const DocumentId id = create(draft("东阳市财政专项资金管理办法"));
  auto created = events_after(*start);
  ASSERT_FALSE(created.empty());
  EXPECT_TRUE(names(created, id));

  publish(id);
  auto later = events_after(created.back().seq);
  EXPECT_GE(later.size(), 3u) << "submit, approve and publish each announce the document";
  EXPECT_TRUE(names(later, id));
  for (size_t i = 1; i < later.size(); ++i) EXPECT_LT(later[i - 1].seq, later[i].seq);
  auto last = feed_->last_seq();
  GK_ASSERT_OK(last);
  EXPECT_EQ(*last, later.back().seq);
  EXPECT_TRUE(events_after(*last).empty());
  auto limited = feed_->after(*start, 2);
  GK_ASSERT_OK(limited);
  EXPECT_EQ(limited->size(), 2u);
}

TEST_P(SearchFeedTest, PublishingARepealingDocumentAnnouncesItsTarget) {
  const DocumentId old_id = create(draft("东阳市旧办法"));
  publish(old_id);
  DocumentDraft repealing = draft("关于废止《东阳市旧办法》的决定");
  repealing.relations = {{RelationKind::kRepeals, old_id}};
  const DocumentId new_id = create(repealing);
  auto before_publish = feed_->last_seq();
  GK_ASSERT_OK(before_publish);
  publish(new_id);
  auto events = events_after(*before_publish);
  EXPECT_TRUE(names(events, new_id));
  EXPECT_TRUE(names(events, old_id)) << "the repealed document's validity changed";

  auto record = source_->get(std::to_string(old_id.value));
  GK_ASSERT_OK(record);
  ASSERT_TRUE(record->has_value());
  EXPECT_EQ((*record)->validity, "repealed");
  EXPECT_FALSE((*record)->in_force);
}

TEST_P(SearchFeedTest, TheSourceYieldsPublishedProactiveDocumentsWithFullText) {
  std::string long_body = "<p>";
  for (int i = 0; i < 200; ++i) long_body += "政府信息公开工作要点";
  long_body += "</p>";
  const DocumentId published = create(draft("东阳市2021年政务公开工作要点", long_body));
  publish(published);
  const DocumentId draft_only = create(draft("尚未发布的草稿"));
  DocumentDraft on_request = draft("依申请公开的内部文件");
  on_request.mode = "on_request";
  const DocumentId not_proactive = create(on_request);
  publish(not_proactive);
  const DocumentId scheduled = create(draft("定时发布的通知"));
  publish(scheduled, clock_.now().plus_seconds(86400));

  std::vector<search::SearchRecord> all;
  GK_ASSERT_OK(source_->for_each([&](std::vector<search::SearchRecord>&& batch) -> Status {
    for (auto& r : batch) all.push_back(std::move(r));
    return ok();
  }));
  std::set<std::string> ids;
  for (const auto& r : all) ids.insert(r.id);
  EXPECT_TRUE(ids.contains(std::to_string(published.value)));
  EXPECT_TRUE(ids.contains(std::to_string(scheduled.value))) << "scheduled documents are indexed, hidden until due";
  EXPECT_FALSE(ids.contains(std::to_string(draft_only.value)));
  EXPECT_FALSE(ids.contains(std::to_string(not_proactive.value)));

  auto one = source_->get(std::to_string(published.value));
  GK_ASSERT_OK(one);
  ASSERT_TRUE(one->has_value());
  const search::SearchRecord& r = **one;
  EXPECT_EQ(r.kind, "document");
  EXPECT_EQ(r.title, "东阳市2021年政务公开工作要点");
  EXPECT_GT(r.body.size(), 2000u) << "the full text, not the list's 300-character cut";
  EXPECT_EQ(r.department_code, "czj");
  EXPECT_EQ(r.department_name, "东阳市财政局");
  EXPECT_EQ(r.url, "/documents/" + r.id);
  EXPECT_EQ(r.genre, "measures");
  EXPECT_FALSE(r.genre_label.empty());
  EXPECT_TRUE(r.date.has_value());

  auto sched = source_->get(std::to_string(scheduled.value));
  GK_ASSERT_OK(sched);
  ASSERT_TRUE(sched->has_value());
  EXPECT_GT((*sched)->visible_from, clock_.now());

  for (DocumentId hidden : {draft_only, not_proactive}) {
    auto none = source_->get(std::to_string(hidden.value));
    GK_ASSERT_OK(none);
    EXPECT_FALSE(none->has_value());
  }
  auto missing = source_->get("999999");
  GK_ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
  auto garbage = source_->get("12abc");
  GK_ASSERT_OK(garbage);
  EXPECT_FALSE(garbage->has_value());
  auto count = source_->count();
  GK_ASSERT_OK(count);
  EXPECT_EQ(*count, 3) << "published documents (the source filters the on-request one)";
}

class VocabularyTest : public LibraryTest {
 protected:
  void SetUp() override {
    LibraryTest::SetUp();
    if (HasFatalFailure()) return;
    dict_dir_ = std::filesystem::temp_directory_path() /
                ("gk-vocab-" + std::to_string(::getpid()) + "-" +
                 std::to_string(reinterpret_cast<uintptr_t>(this)));  // ctest runs processes in parallel
    std::filesystem::create_directories(dict_dir_);
    std::ofstream(dict_dir_ / "gov.txt") << "# test\n政务公开 1000 n\n浙里办\n";
    std::ofstream(dict_dir_ / "synonyms.txt") << "发改局 发展和改革局\n";
    store_ = std::make_unique<storage::SqlVocabularyStore>(db(), clock_);
    service_ = std::make_unique<search::VocabularyService>(*store_, dict_dir_.string());
    admin_ = staff(1, "管理员", sfb_, {Role::kAdmin}, "东阳市人民政府办公室");
    editor_ = staff(11, "信息员", czj_, {Role::kEditor});
  }
  void TearDown() override {
    std::filesystem::remove_all(dict_dir_);
    LibraryTest::TearDown();
  }

  std::filesystem::path dict_dir_;
  std::unique_ptr<storage::SqlVocabularyStore> store_;
  std::unique_ptr<search::VocabularyService> service_;
  Principal admin_, editor_;
};

TEST_P(VocabularyTest, StaffWordsAndSynonymsJoinTheShippedFilesAndAreAudited) {
  int changes = 0;
  search::Vocabulary last;
  service_->on_change([&](const search::Vocabulary& v) {
    ++changes;
    last = v;
  });
  auto word = service_->add_word(admin_, " 一网通办 ", ctx_);
  GK_ASSERT_OK(word);
  auto group = service_->add_synonyms(admin_, {"人社局，人力资源和社会保障局"}, ctx_);
  GK_ASSERT_OK(group);
  EXPECT_EQ(changes, 2);

  auto effective = service_->effective();
  GK_ASSERT_OK(effective);
  std::vector<std::string> words;
  for (const auto& w : effective->words) words.push_back(w.word);
  EXPECT_EQ(words, (std::vector<std::string>{"政务公开", "浙里办", "一网通办"}));
  ASSERT_EQ(effective->synonym_groups.size(), 2u);
  EXPECT_EQ(effective->synonym_groups[1], (std::vector<std::string>{"人社局", "人力资源和社会保障局"}));
  EXPECT_EQ(last.synonym_groups.size(), 2u);

  auto entries = service_->entries(editor_);
  GK_ASSERT_OK(entries);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].text, "一网通办");
  EXPECT_EQ((*entries)[1].text, "人社局 人力资源和社会保障局");
  EXPECT_EQ((*entries)[0].created_at, clock_.now()) << "stamped by the store";
  EXPECT_EQ((*entries)[0].created_by, admin_.actor());

  GK_ASSERT_OK(service_->remove(admin_, *word, ctx_));
  entries = service_->entries(editor_);
  GK_ASSERT_OK(entries);
  EXPECT_EQ(entries->size(), 1u);
  auto verify = storage::verify_audit_log(db());
  GK_ASSERT_OK(verify);
}

TEST_P(VocabularyTest, EditingRequiresTheSearchPermissionAndValidInput) {
  auto denied = service_->add_word(editor_, "一网通办", ctx_);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);
  auto spaced = service_->add_word(admin_, "一网 通办", ctx_);
  ASSERT_FALSE(spaced);
  EXPECT_EQ(spaced.error().code(), ErrorCode::kInvalidArgument);
  auto empty = service_->add_word(admin_, "  ", ctx_);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().fields().at(0).field, "word");
  auto lonely = service_->add_synonyms(admin_, {"发改局", "发改局"}, ctx_);
  ASSERT_FALSE(lonely);
  EXPECT_EQ(lonely.error().code(), ErrorCode::kInvalidArgument);
  GK_ASSERT_OK(service_->add_word(admin_, "一网通办", ctx_));
  auto again = service_->add_word(admin_, "一网通办", ctx_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
  auto gone = service_->remove(admin_, 987654, ctx_);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code(), ErrorCode::kNotFound);
}

TEST(ParseSynonyms, ReadsGroupsSkipsCommentsAndNamesTheBadLine) {
  auto groups = search::parse_synonyms("# comment\n发改局 发展和改革局,发改委\n\n市府办、市政府办公室 # tail\n");
  ASSERT_TRUE(groups);
  ASSERT_EQ(groups->size(), 2u);
  EXPECT_EQ((*groups)[0], (std::vector<std::string>{"发改局", "发展和改革局", "发改委"}));
  EXPECT_EQ((*groups)[1], (std::vector<std::string>{"市府办", "市政府办公室"}));
  auto bad = search::parse_synonyms("发改局 发展和改革局\n孤单\n");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("第 2 行"), std::string::npos);
}

GK_INSTANTIATE_ENGINE_TESTS(SearchFeedTest);
GK_INSTANTIATE_ENGINE_TESTS(VocabularyTest);

}  // namespace
}  // namespace gk::storage_test
