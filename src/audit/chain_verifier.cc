#include "audit/chain_verifier.h"

#include <fmt/format.h>

#include <utility>

namespace gk::audit {

ChainVerifier::ChainVerifier(ChainHead anchor) : last_(std::move(anchor)) {}

void ChainVerifier::mark_bad(std::optional<int64_t> id, std::string reason) {
  failed_ = true;
  first_bad_id_ = id;
  reason_ = std::move(reason);
}

void ChainVerifier::add(const AuditEntry& e) {
  ++checked_;
  if (failed_) return;
  const int64_t id = e.id.value;
  // The order checks come first: a hash mismatch on a row fed out of order says nothing useful.
  if (id <= last_.last_id) {
    mark_bad(id, fmt::format("id 未严格递增：id {} 出现在 id {} 之后（行被重排或重复, ids out of order）", id,
                             last_.last_id));
    return;
  }
  if (compute_hash(e) != e.hash) {
    mark_bad(id, fmt::format("id {} 的 hash 与内容不符：该行被修改（hash mismatch, row edited）", id));
    return;
  }
  if (e.prev_hash != last_.last_hash) {
    const std::string before =
        checked_ == 1 ? (last_.last_id == 0 ? std::string("链首") : fmt::format("锚点 id {}", last_.last_id))
                      : fmt::format("上一行 id {}", last_.last_id);
    mark_bad(id, fmt::format("id {} 的 prev_hash 与{}的 hash 不一致：其前的行被删除或替换"
                             "（prev_hash mismatch, rows deleted or replaced before id {}）",
                             id, before, id));
    return;
  }
  last_ = head_after(e);
}

VerifyReport ChainVerifier::finish(const ChainHead& stored_head) {
  if (!failed_ && last_ != stored_head) {
    if (stored_head.last_id > last_.last_id) {
      mark_bad(stored_head.last_id,
               fmt::format("链头记录最后一行为 id {}，表中只校验到 id {}：末尾的行被删除或表被截断"
                           "（head mismatch, rows missing at the end）",
                           stored_head.last_id, last_.last_id));
    } else if (stored_head.last_id < last_.last_id) {
      mark_bad(
          std::nullopt,
          fmt::format(
              "链头记录最后一行为 id {}，但表中还有更新的行（至 id {}）：有行绕过审计通道写入或链头未更新"
              "（head mismatch, rows after the stored head）",
              stored_head.last_id, last_.last_id));
    } else {
      mark_bad(stored_head.last_id, fmt::format("id {} 的 hash 与链头记录不一致：最后一行被替换或链头被修改"
                                                "（head mismatch, last_hash differs）",
                                                stored_head.last_id));
    }
  }
  VerifyReport report;
  report.ok = !failed_;
  report.checked = checked_;
  report.first_bad_id = first_bad_id_;
  report.reason = reason_;
  return report;
}

}  // namespace gk::audit
