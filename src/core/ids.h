// Strong id types: a DepartmentId cannot be passed where a UserId is expected.
// Ids are the database's 64-bit row ids; 0 means "none".
#pragma once

#include <compare>
#include <cstdint>

namespace gk {

template <class Tag>
struct Id {
  int64_t value = 0;
  constexpr Id() = default;
  constexpr explicit Id(int64_t v) : value(v) {}
  explicit operator bool() const { return value != 0; }
  friend constexpr auto operator<=>(Id, Id) = default;
};

using DepartmentId = Id<struct DepartmentTag>;
using UserId = Id<struct UserTag>;
using PublicAccountId = Id<struct PublicAccountTag>;
using AuditEntryId = Id<struct AuditEntryTag>;
using DocumentId = Id<struct DocumentTag>;
using ColumnId = Id<struct ColumnTag>;
using AttachmentId = Id<struct AttachmentTag>;
using FoiCaseId = Id<struct FoiCaseTag>;
using FoiRemedyId = Id<struct FoiRemedyTag>;

}  // namespace gk
