#include "search/xapian_error.h"

#include <fmt/format.h>

namespace gk::search {

Error from_xapian(const Xapian::Error& e, std::string_view what) {
  const std::string detail = fmt::format("{}: {} ({})", what, e.get_msg(), e.get_type());
  // Xapian::Error is not polymorphic; its type name is the way to tell the subclasses apart.
  const std::string_view type = e.get_type();
  if (type == "DatabaseLockError") {
    return Error::unavailable(fmt::format("搜索索引正被另一进程写入 — {}", detail));
  }
  if (type == "DatabaseCorruptError" || type == "DatabaseVersionError") {
    return Error::internal(
        fmt::format("搜索索引已损坏或格式不符，请删除索引目录后重建（reindex） — {}", detail));
  }
  return Error::internal(fmt::format("搜索索引出错 — {}", detail));
}

}  // namespace gk::search
