// Document: one piece of government information (政府信息, 条例 Art. 2) in the library, with the
// metadata government portals publish (索引号, 文号, 发布机构, 成文/发布/施行/失效日期, 主题分类, 体裁,
// 公开方式, 统一编号), its body and its place in the disclosure columns.
//
// Two independent axes: publication (PublicationState, below, changed only through the workflow)
// and validity (有效/已修改/已废止/失效), which is never stored: it is derived from the dates and the
// relations between documents (validity.h). Value type.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "documents/taxonomy.h"

namespace gk::documents {

// draft → submitted → approved → published → withdrawn; submitted → returned → submitted …
enum class PublicationState { kDraft, kSubmitted, kReturned, kApproved, kPublished, kWithdrawn };
std::string_view publication_state_name(PublicationState s);   // "draft", …
std::string_view publication_state_label(PublicationState s);  // 草稿, 待审核, 退回修改, 已审核, 已发布, 已撤回
std::optional<PublicationState> parse_publication_state(std::string_view s);

struct Document {
  DocumentId id;
  std::string index_number;                 // 索引号, generated, unique
  std::string title;
  std::optional<std::string> doc_number;    // 文号, normalised
  std::vector<std::string> issuers;         // 发布机构, possibly several (joint issuance)
  DepartmentId department;                  // the organ that discloses it (条例 Art. 10)
  std::optional<Date> written_on;           // 成文日期
  std::optional<Date> effective_on;         // 施行日期
  std::optional<Date> expires_on;           // 失效日期
  Date formed_on;                           // 形成或者变更之日 (条例 Art. 26)
  std::optional<Instant> published_at;      // 发布; a future instant means scheduled
  std::string topic = "other";              // taxonomy topics() key
  std::string genre = "other";              // taxonomy genres() key
  DisclosureMode mode = DisclosureMode::kProactive;
  std::string withheld_reason;              // required when mode is kNotDisclosed
  bool normative = false;                   // 行政规范性文件
  std::optional<std::string> unified_number;  // 统一编号 (normative documents), separate from 文号
  std::string summary;                      // 内容概述
  std::string body_html;                    // sanitised rich text
  std::string body_text;                    // plain text of the body, for search and scanning
  std::vector<ColumnId> columns;
  PublicationState state = PublicationState::kDraft;
  std::string review_comment;               // the reviewer's reason when returned
  std::optional<std::string> source_key;    // id in an imported corpus
  std::string created_by;                   // actor string of the creator
  Instant created_at;
  Instant updated_at;
  int version = 1;

  // Published, proactive and its publication time has come: what the public may see.
  bool is_public_at(Instant now) const;
};

}  // namespace gk::documents
