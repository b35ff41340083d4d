// Information-processing fees (信息处理费), 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号,
// regulations.md §2). Free by default (条例 Art. 42); charged only when requests exceed a reasonable
// quantity or frequency. Both methods are excess-progressive (超额累进): each band's rate applies only
// to the units inside that band. One method per application, never both (Art. 3).
//   * per request (按件计收, Art. 4): the applicant's cumulative requests in one calendar month —
//     1–10 free, 11–30 100 yuan each, then bands of 10 each 100 yuan dearer (31–40 200, 41–50 300, …).
//   * per page (按量计收, Art. 5): pages of one application — 1–30 free, 31–100 10 yuan, 101–200
//     20 yuan, 201 and above 40 yuan per page (2,219 pages → 83,460 yuan).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace gk::foi {

enum class FeeMethod { kPerRequest, kPerPage };
std::string_view fee_method_key(FeeMethod m);  // "per_request", "per_page"
std::optional<FeeMethod> parse_fee_method(std::string_view key);

struct FeeTier {
  int64_t from = 0, to = 0;  // units (requests or pages) in this band, inclusive
  int64_t units = 0;
  int64_t rate_yuan = 0;     // per unit
  int64_t amount_yuan = 0;
};

struct Fee {
  FeeMethod method = FeeMethod::kPerRequest;
  int64_t units = 0;
  int64_t total_yuan = 0;
  std::vector<FeeTier> tiers;  // the bands that hold units, in order (free bands included)
};

// The fee for `units` requests (cumulative in the month) or pages. InvalidArgument (field "count" /
// "pages") for a negative or absurd (> 1,000,000) number.
[[nodiscard]] Result<Fee> compute_fee(FeeMethod method, int64_t units);

// The fee for the requests numbered (already, already + more] in the month: what one new
// application adds when the applicant already made `already` requests this month.
[[nodiscard]] Result<Fee> compute_marginal_fee(int64_t already, int64_t more);

}  // namespace gk::foi
