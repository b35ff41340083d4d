#include "search/index_writer.h"

#include <charconv>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include <fmt/format.h>
#include <xapian.h>

#include "search/document_builder.h"
#include "search/facets.h"
#include "search/index_dirs.h"
#include "search/index_schema.h"
#include "search/record_table.h"
#include "search/xapian_error.h"

namespace gk::search {

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  int flags = 0;
  std::shared_ptr<const TextAnalyzer> analyzer;
  std::optional<FacetDictionary> facets;
  int64_t cursor = 0;
  bool cursor_dirty = false;
};

namespace {

int64_t parse_cursor(const std::string& s) {
  int64_t v = 0;
  if (s.empty() || std::from_chars(s.data(), s.data() + s.size(), v).ec != std::errc()) return 0;
  return v;
}

}  // namespace

Result<std::unique_ptr<IndexWriter>> IndexWriter::create(const std::filesystem::path& dir,
                                                         std::shared_ptr<const text::Segmenter> segmenter,
                                                         std::shared_ptr<const text::Normalizer> normalizer) {
  return create(dir, std::move(segmenter), std::move(normalizer), Options{});
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::create(const std::filesystem::path& dir,
                                                         std::shared_ptr<const text::Segmenter> segmenter,
                                                         std::shared_ptr<const text::Normalizer> normalizer,
                                                         Options options) {
  if (!segmenter || !normalizer)
    return fail(Error::internal("IndexWriter needs a segmenter and a normalizer"));
  std::error_code ec;
  if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
  if (ec)
    return fail(
        Error::internal(fmt::format("cannot create {}: {}", dir.parent_path().string(), ec.message())));
  try {
    auto impl = std::make_unique<Impl>();
    int flags = Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS;
    if (options.no_sync) flags |= Xapian::DB_NO_SYNC;
    impl->flags = flags;
    impl->db = Xapian::WritableDatabase(dir.string(), flags);
    const std::string schema = impl->db.get_metadata(std::string(schema::kMetaSchema));
    if (schema.empty()) {
      if (impl->db.get_doccount() != 0) {
        return fail(Error::internal(
            fmt::format("{} is not a search index of this version; delete it and reindex", dir.string())));
      }
      impl->db.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
      impl->db.commit();
    } else if (schema != schema::kSchemaVersion) {
      return fail(Error::failed_precondition(fmt::format(
          "搜索索引版本 {} 与程序版本 {} 不符，请重建索引（reindex）", schema, schema::kSchemaVersion)));
    }
    impl->facets.emplace(impl->db);
    impl->cursor = parse_cursor(impl->db.get_metadata(std::string(schema::kMetaCursor)));
    impl->analyzer = std::make_shared<const TextAnalyzer>(std::move(segmenter), std::move(normalizer));
    return std::unique_ptr<IndexWriter>(new IndexWriter(dir, std::move(impl), options));
  } catch (const Xapian::Error& e) {
    return fail(from_xapian(e, fmt::format("opening {}", dir.string())));
  }
}

IndexWriter::IndexWriter(std::filesystem::path dir, std::unique_ptr<Impl> impl, Options options)
    : dir_(std::move(dir)), impl_(std::move(impl)), options_(options) {}

IndexWriter::~IndexWriter() {
  try {
    // Uncommitted changes are dropped on purpose: a writer commits what it means to keep.
    impl_->db.close();
  } catch (const Xapian::Error&) {
  }
}

Status IndexWriter::add(const SearchRecord& record) {
  if (record.kind.empty() || record.id.empty()) {
    return fail(Error::invalid("search record without kind or id", {{"id", "kind 和 id 不能为空"}}));
  }
  try {
    const DocumentBuilder builder(*impl_->analyzer, options_.spelling_body_bytes);
    BuiltDocument built = builder.build(record);
    const uint32_t facets = impl_->facets->id_for(built.facets, impl_->db);
    built.document.add_value(schema::kSlotFacets, encode_facet_id(facets));
    const Xapian::docid did = impl_->db.replace_document(built.id_term, built.document);
    if (record_table_) record_table_->set(did, RecordTable::from_document(built.document));
    for (const std::string& w : built.spelling_words) impl_->db.add_spelling(w);
  } catch (const Xapian::Error& e) {
    return fail(from_xapian(e, fmt::format("indexing {}:{}", record.kind, record.id)));
  }
  if (++pending_ >= options_.commit_every) return commit();
  return ok();
}

Status IndexWriter::remove(std::string_view kind, std::string_view id) {
  try {
    const std::string term = id_term(kind, id);
    if (record_table_) {
      for (auto it = impl_->db.postlist_begin(term); it != impl_->db.postlist_end(term); ++it)
        record_table_->clear(*it);
    }
    impl_->db.delete_document(term);
  } catch (const Xapian::Error& e) {
    return fail(from_xapian(e, fmt::format("deleting {}:{}", kind, id)));
  }
  if (++pending_ >= options_.commit_every) return commit();
  return ok();
}

Status IndexWriter::commit() {
  try {
    if (impl_->cursor_dirty) {
      impl_->db.set_metadata(std::string(schema::kMetaCursor), std::to_string(impl_->cursor));
    }
    impl_->db.commit();
    impl_->cursor_dirty = false;
    pending_ = 0;
    return ok();
  } catch (const Xapian::Error& e) {
    return fail(from_xapian(e, "commit"));
  }
}

Status IndexWriter::compact() {
  GK_TRY_STATUS(commit());
  const std::filesystem::path packed = sibling_dir(dir_, ".compact");
  std::error_code ec;
  std::filesystem::remove_all(packed, ec);
  Status result = ok();
  try {
    impl_->db.close();
    Xapian::Database(dir_.string()).compact(packed.string());
  } catch (const Xapian::Error& e) {
    result = fail(from_xapian(e, fmt::format("compacting {}", dir_.string())));
  }
  if (result) result = exchange_dirs(packed, dir_);
  std::filesystem::remove_all(packed, ec);
  try {
    impl_->db = Xapian::WritableDatabase(dir_.string(), impl_->flags);
  } catch (const Xapian::Error& e) {
    return fail(from_xapian(e, fmt::format("reopening {}", dir_.string())));
  }
  return result;
}

int64_t IndexWriter::cursor() const { return impl_->cursor; }

void IndexWriter::set_cursor(int64_t seq) {
  impl_->cursor = seq;
  impl_->cursor_dirty = true;
}

Result<int64_t> IndexWriter::documents() const {
  try {
    return static_cast<int64_t>(impl_->db.get_doccount());
  } catch (const Xapian::Error& e) {
    return fail(from_xapian(e, "doccount"));
  }
}

void IndexWriter::set_segmenter(std::shared_ptr<const text::Segmenter> segmenter) {
  impl_->analyzer = std::make_shared<const TextAnalyzer>(std::move(segmenter), impl_->analyzer->normalizer());
}

}  // namespace gk::search
